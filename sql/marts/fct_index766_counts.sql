-- fct_index766_counts: the numerator and denominator of every data indicator of the Decision 766 index
-- (docs/index766.md "What is counted") per period (M, Q, Y, each pooled from dossiers), scope (province, unit
-- as was, unit as is) and child (the scope itself, its units, procedures, unit x procedure pairs).
-- Dossier indicators are sums over int_index766_dossiers; feedback indicators count silver.feedback by its own
-- received date and unit; procedure indicators count the procedures in scope: silver.unit_procedures when it
-- has rows, else the (unit, procedure) pairs with a received dossier in the 12 months ending at
-- min(period end, as-of) (proxy), with the catalogue row valid on that day.
-- Parameters: :as_of, :province_code, :not_received_statuses. Inputs: int_index766_dossiers,
-- silver_dossiers_from_prior_year (the proxy pairs' receipt days), silver_feedback,
-- silver_units, silver_procedures, silver_unit_procedures.

with dossiers as (
    select * from int_index766_dossiers
),

units as (
    select distinct unit_code, current_unit_code from silver_units
),

flags as (
    -- the optional catalogue inputs: present = at least one row (else the denominators rest on a stand-in)
    select
        (select count(*) from silver_unit_procedures) = 0 as unit_procedures_absent,
        (select count(*) from silver_procedures where for_citizens is not null) = 0 as for_citizens_absent
),

-- dossier indicators ------------------------------------------------------------------------------------------

dossier_sums as (
    -- summed once at the finest grain any scope needs (units x procedures x periods, not dossiers)
    select
        period_type, period, period_end, unit_code, unit_current_code, procedure_code,
        count(*) as cohort,
        sum(int(not is_late_766)) as on_time,
        sum(int(is_finished)) as finished,
        -- in decimal: a sum of doubles depends on the order Spark adds them in (local mode and a cluster differ)
        sum(case when is_finished then cast(processing_days as decimal(30, 12)) else 0 end) as finished_days,
        sum(int(is_online)) as online,
        sum(int(is_fee_dossier)) as fee_dossiers,
        sum(int(is_fee_dossier and is_paid_online)) as fee_dossiers_paid_online,
        sum(int(has_e_result_766)) as e_result,
        sum(int(is_digitized_with_result)) as digitized_with_result,
        sum(int(is_digitized)) as digitized,
        sum(int(from_personal_store)) as personal_store,
        sum(int(uses_citizen_data)) as citizen_data,
        sum(int(is_satisfied_766)) as satisfied,
        -- what the procedure indicators ask of a (unit, procedure) pair: at least one such cohort dossier
        max(is_online) as any_online,
        max(is_fee_synced) as any_fee_synced,
        max(is_paid_online) as any_paid_online,
        max(uses_citizen_data) as any_citizen_data
    from dossiers
    group by period_type, period, period_end, unit_code, unit_current_code, procedure_code
),

dossier_scoped as (
    select
        period_type, period, period_end, s.scope_type, s.scope_code, s.child_type, s.child_unit_code, s.child_procedure_code,
        sum(cohort) as cohort, sum(on_time) as on_time, sum(finished) as finished, sum(finished_days) as finished_days,
        sum(online) as online, sum(fee_dossiers) as fee_dossiers, sum(fee_dossiers_paid_online) as fee_dossiers_paid_online,
        sum(e_result) as e_result, sum(digitized_with_result) as digitized_with_result, sum(digitized) as digitized,
        sum(personal_store) as personal_store, sum(citizen_data) as citizen_data, sum(satisfied) as satisfied
    from dossier_sums
    lateral view inline(array(
        named_struct('scope_type', 'province', 'scope_code', :province_code, 'child_type', 'total', 'child_unit_code', cast(null as string), 'child_procedure_code', cast(null as string)),
        named_struct('scope_type', 'province', 'scope_code', :province_code, 'child_type', 'unit', 'child_unit_code', unit_code, 'child_procedure_code', cast(null as string)),
        named_struct('scope_type', 'province', 'scope_code', :province_code, 'child_type', 'procedure', 'child_unit_code', cast(null as string), 'child_procedure_code', procedure_code),
        named_struct('scope_type', 'province', 'scope_code', :province_code, 'child_type', 'unit_procedure', 'child_unit_code', unit_code, 'child_procedure_code', procedure_code),
        named_struct('scope_type', 'unit', 'scope_code', unit_code, 'child_type', 'total', 'child_unit_code', cast(null as string), 'child_procedure_code', cast(null as string)),
        named_struct('scope_type', 'unit', 'scope_code', unit_code, 'child_type', 'procedure', 'child_unit_code', cast(null as string), 'child_procedure_code', procedure_code),
        named_struct('scope_type', 'unit_current', 'scope_code', unit_current_code, 'child_type', 'total', 'child_unit_code', cast(null as string), 'child_procedure_code', cast(null as string)),
        named_struct('scope_type', 'unit_current', 'scope_code', unit_current_code, 'child_type', 'procedure', 'child_unit_code', cast(null as string), 'child_procedure_code', procedure_code)
    )) s
    group by period_type, period, period_end, s.scope_type, s.scope_code, s.child_type, s.child_unit_code, s.child_procedure_code
),

dossier_rows as (
    select
        period_type, period, period_end, scope_type, scope_code, child_type, child_unit_code, child_procedure_code,
        indicator_code, cast(numerator as double) as numerator, cast(denominator as double) as denominator
    from dossier_scoped
    lateral view stack(11,
        '2.1', double(on_time), double(cohort),
        '2.2', double(finished_days), double(finished),
        '3.3', double(online), double(cohort),
        '3.6', double(fee_dossiers_paid_online), double(fee_dossiers),
        '4.1', double(e_result), double(cohort),
        '4.2', double(digitized_with_result), double(cohort),
        '4.3', double(digitized), double(cohort),
        '4.4', double(personal_store), double(cohort),
        '4.5b', double(citizen_data), double(cohort),
        '5.4', double(satisfied), double(cohort),
        'cohort', double(cohort), double(cohort)
    ) v as indicator_code, numerator, denominator
),

-- periods -----------------------------------------------------------------------------------------------------

feedback as (
    select
        feedback.*,
        coalesce(units.current_unit_code, feedback.unit_code) as unit_current_code,
        to_date(feedback.received_at) as feedback_date
    from silver_feedback feedback
    left join units on units.unit_code = feedback.unit_code
),

feedback_periods as (
    select
        feedback.*,
        period_type,
        case period_type
            when 'M' then trunc(feedback_date, 'MM')
            when 'Q' then trunc(feedback_date, 'quarter')
            else trunc(feedback_date, 'year')
        end as period_start,
        case period_type
            when 'M' then date_format(feedback_date, 'yyyy-MM')
            when 'Q' then concat(year(feedback_date), '-Q', quarter(feedback_date))
            else cast(year(feedback_date) as string)
        end as period
    from feedback
    lateral view explode(array('M', 'Q', 'Y')) p as period_type
    where feedback_date is not null
),

feedback_cohort as (
    select
        feedback_periods.*,
        date_add(add_months(period_start, case period_type when 'M' then 1 when 'Q' then 3 else 12 end), -1) as period_end
    from feedback_periods
),

periods as (
    -- every period with a cohort dossier or a feedback, and the day its catalogue and trailing window are read
    select period_type, period, period_end, least(period_end, :as_of) as ref_date
    from (
        select distinct period_type, period, period_end from dossier_sums
        union
        select distinct period_type, period, period_end from feedback_cohort
    ) p
),

-- feedback indicators -----------------------------------------------------------------------------------------

feedback_judged as (
    select
        feedback_cohort.*,
        -- 5.2: answered by HanXuLy, or unanswered and min(period end, as-of) <= HanXuLy; no deadline = on time
        case
            when deadline_at is null then true
            when answered_at is not null then to_date(answered_at) <= to_date(deadline_at)
            else least(period_end, :as_of) <= to_date(deadline_at)
        end as feedback_on_time
    from feedback_cohort
),

feedback_rows as (
    select
        period_type, period, period_end, s.scope_type, s.scope_code, s.child_type, s.child_unit_code,
        cast(null as string) as child_procedure_code, v.indicator_code,
        cast(sum(case when v.indicator_code = '5.2' then int(feedback_on_time)
                      else int(feedback_on_time and coalesce(is_satisfied, true)) end) as double) as numerator,
        cast(count(*) as double) as denominator
    from feedback_judged
    lateral view inline(array(
        named_struct('scope_type', 'province', 'scope_code', :province_code, 'child_type', 'total', 'child_unit_code', cast(null as string)),
        named_struct('scope_type', 'province', 'scope_code', :province_code, 'child_type', 'unit', 'child_unit_code', unit_code),
        named_struct('scope_type', 'unit', 'scope_code', unit_code, 'child_type', 'total', 'child_unit_code', cast(null as string)),
        named_struct('scope_type', 'unit_current', 'scope_code', unit_current_code, 'child_type', 'total', 'child_unit_code', cast(null as string))
    )) s
    lateral view explode(array('5.2', '5.3')) v as indicator_code
    group by period_type, period, period_end, s.scope_type, s.scope_code, s.child_type, s.child_unit_code, v.indicator_code
),

-- procedure indicators ----------------------------------------------------------------------------------------

catalog_at_ref as (
    -- the catalogue row valid on each period's reference day (the latest start if rows overlap)
    select * from (
        select
            periods.period_type, periods.period, procedures.procedure_code,
            coalesce(procedures.service_level in ('TOAN_TRINH', 'MOT_PHAN'), false) as is_online_level,
            coalesce(procedures.has_fee, false) as has_fee,
            procedures.for_citizens,
            row_number() over (
                partition by periods.period_type, periods.period, procedures.procedure_code
                order by procedures.valid_from desc, procedures.valid_to desc nulls first
            ) as catalog_rank
        from periods
        inner join silver_procedures procedures
            on procedures.valid_from <= periods.ref_date
            and (procedures.valid_to is null or periods.ref_date <= procedures.valid_to)
    ) ranked
    where catalog_rank = 1
),

receipt_days as (
    -- small: the days each (unit, procedure) pair received a dossier (METRICS.md "received"), read with the year
    -- before each recomputed one, so the 12-month window of a January sees December whether or not that year is
    -- recomputed tonight (a nightly run equals a rebuild)
    select distinct dossiers.unit_code, coalesce(units.current_unit_code, dossiers.unit_code) as unit_current_code,
           dossiers.procedure_code, dossiers.received_date
    from silver_dossiers_from_prior_year dossiers
    left join units on units.unit_code = dossiers.unit_code
    where dossiers.received_at is not null
      and not array_contains(:not_received_statuses, dossiers.status)
),

pairs as (
    -- the (unit, procedure) pairs in scope of each period
    select periods.period_type, periods.period, up.unit_code,
           coalesce(units.current_unit_code, up.unit_code) as unit_current_code, up.procedure_code
    from periods
    cross join (select distinct unit_code, procedure_code from silver_unit_procedures) up
    left join units on units.unit_code = up.unit_code
    union
    select /*+ BROADCAST(periods) */ periods.period_type, periods.period, receipt_days.unit_code,
           receipt_days.unit_current_code, receipt_days.procedure_code
    from receipt_days
    inner join periods
        on receipt_days.received_date > add_months(periods.ref_date, -12)
        and receipt_days.received_date <= periods.ref_date
    where (select unit_procedures_absent from flags)
),

pair_facts as (
    -- each pair with its catalogue attributes and whether it has a cohort dossier of each kind
    select
        pairs.*,
        catalog_at_ref.is_online_level,
        catalog_at_ref.has_fee,
        (select for_citizens_absent from flags) or coalesce(catalog_at_ref.for_citizens, false) as is_citizen_procedure,
        coalesce(d.any_online, false) as any_online,
        coalesce(d.any_fee_synced, false) as any_fee_synced,
        coalesce(d.any_paid_online, false) as any_paid_online,
        coalesce(d.any_citizen_data, false) as any_citizen_data
    from pairs
    inner join catalog_at_ref
        on catalog_at_ref.period_type = pairs.period_type
        and catalog_at_ref.period = pairs.period
        and catalog_at_ref.procedure_code = pairs.procedure_code
    left join (
        select period_type, period, unit_code, procedure_code, max(any_online) as any_online,
               max(any_fee_synced) as any_fee_synced, max(any_paid_online) as any_paid_online,
               max(any_citizen_data) as any_citizen_data
        from dossier_sums
        group by period_type, period, unit_code, procedure_code
    ) d
        on d.period_type = pairs.period_type and d.period = pairs.period
        and d.unit_code = pairs.unit_code and d.procedure_code = pairs.procedure_code
),

current_pair_facts as (
    -- the unit as it is: its pairs are (current unit, procedure), earning when any of its former units' does
    select
        period_type, period, unit_current_code, procedure_code,
        max(is_online_level) as is_online_level, max(has_fee) as has_fee, max(is_citizen_procedure) as is_citizen_procedure,
        max(any_online) as any_online, max(any_fee_synced) as any_fee_synced, max(any_paid_online) as any_paid_online,
        max(any_citizen_data) as any_citizen_data
    from pair_facts
    group by period_type, period, unit_current_code, procedure_code
),

pair_items as (
    select period_type, period, unit_code as pair_unit, procedure_code, is_online_level, has_fee, is_citizen_procedure,
           any_online, any_fee_synced, any_paid_online, any_citizen_data,
           scope_type, scope_code, child_type, child_unit_code, child_procedure_code
    from pair_facts
    lateral view inline(array(
        named_struct('scope_type', 'province', 'scope_code', :province_code, 'child_type', 'total', 'child_unit_code', cast(null as string), 'child_procedure_code', cast(null as string)),
        named_struct('scope_type', 'province', 'scope_code', :province_code, 'child_type', 'unit', 'child_unit_code', unit_code, 'child_procedure_code', cast(null as string)),
        named_struct('scope_type', 'province', 'scope_code', :province_code, 'child_type', 'procedure', 'child_unit_code', cast(null as string), 'child_procedure_code', procedure_code),
        named_struct('scope_type', 'province', 'scope_code', :province_code, 'child_type', 'unit_procedure', 'child_unit_code', unit_code, 'child_procedure_code', procedure_code),
        named_struct('scope_type', 'unit', 'scope_code', unit_code, 'child_type', 'total', 'child_unit_code', cast(null as string), 'child_procedure_code', cast(null as string)),
        named_struct('scope_type', 'unit', 'scope_code', unit_code, 'child_type', 'procedure', 'child_unit_code', cast(null as string), 'child_procedure_code', procedure_code)
    )) s
    union all
    select period_type, period, unit_current_code as pair_unit, procedure_code, is_online_level, has_fee, is_citizen_procedure,
           any_online, any_fee_synced, any_paid_online, any_citizen_data,
           scope_type, scope_code, child_type, child_unit_code, child_procedure_code
    from current_pair_facts
    lateral view inline(array(
        named_struct('scope_type', 'unit_current', 'scope_code', unit_current_code, 'child_type', 'total', 'child_unit_code', cast(null as string), 'child_procedure_code', cast(null as string)),
        named_struct('scope_type', 'unit_current', 'scope_code', unit_current_code, 'child_type', 'procedure', 'child_unit_code', cast(null as string), 'child_procedure_code', procedure_code)
    )) s
),

procedure_scoped as (
    -- a procedure counts once per scope; it earns when one of the scope's units that has it in scope earns
    select
        period_type, period, scope_type, scope_code, child_type, child_unit_code, child_procedure_code,
        count(distinct procedure_code) as procedures,
        count(distinct case when is_online_level then procedure_code end) as online_procedures,
        count(distinct case when is_online_level then pair_unit end, procedure_code) as online_pairs,
        count(distinct case when is_online_level and any_online then pair_unit end, procedure_code) as online_pairs_used,
        count(distinct case when has_fee then procedure_code end) as fee_procedures,
        count(distinct case when has_fee and any_fee_synced then procedure_code end) as fee_procedures_synced,
        count(distinct case when has_fee and any_paid_online then procedure_code end) as fee_procedures_paid,
        count(distinct case when is_citizen_procedure then procedure_code end) as citizen_procedures,
        count(distinct case when is_citizen_procedure and any_citizen_data then procedure_code end) as citizen_procedures_used
    from pair_items
    group by period_type, period, scope_type, scope_code, child_type, child_unit_code, child_procedure_code
),

procedure_rows as (
    select
        procedure_scoped.period_type, procedure_scoped.period, periods.period_end, scope_type, scope_code, child_type,
        child_unit_code, child_procedure_code, indicator_code,
        cast(numerator as double) as numerator, cast(denominator as double) as denominator
    from procedure_scoped
    inner join periods on periods.period_type = procedure_scoped.period_type and periods.period = procedure_scoped.period
    lateral view stack(5,
        '3.1', double(online_procedures), double(procedures),
        '3.2', double(online_pairs_used), double(online_pairs),
        '3.5', double(fee_procedures_synced), double(fee_procedures),
        '3.5b', double(fee_procedures_paid), double(fee_procedures),
        '4.5a', double(citizen_procedures_used), double(citizen_procedures)
    ) v as indicator_code, numerator, denominator
    -- 3.1 is a province indicator (the scoring part scores it 0 for units)
    where not (indicator_code = '3.1' and scope_type <> 'province')
),

-- assembled ---------------------------------------------------------------------------------------------------

all_rows as (
    select * from dossier_rows
    union all
    select * from feedback_rows
    union all
    select * from procedure_rows
),

scopes as (
    -- every scope with a cohort dossier, a feedback or a procedure in scope
    select distinct period_type, period, period_end, scope_type, scope_code from all_rows where child_type = 'total'
),

indicators as (
    select explode(array('2.1', '2.2', '3.1', '3.2', '3.3', '3.5', '3.5b', '3.6', '4.1', '4.2', '4.3', '4.4',
                         '4.5a', '4.5b', '5.2', '5.3', '5.4', 'cohort')) as indicator_code
),

totals as (
    -- the scope's own row for every indicator, 0 / 0 when nothing was counted
    select
        scopes.period_type, scopes.period, scopes.period_end, scopes.scope_type, scopes.scope_code,
        'total' as child_type, cast(null as string) as child_unit_code, cast(null as string) as child_procedure_code,
        indicators.indicator_code,
        coalesce(all_rows.numerator, 0D) as numerator,
        coalesce(all_rows.denominator, 0D) as denominator
    from scopes
    cross join indicators
    left join all_rows
        on all_rows.child_type = 'total'
        and all_rows.period_type = scopes.period_type and all_rows.period = scopes.period
        and all_rows.scope_type = scopes.scope_type and all_rows.scope_code = scopes.scope_code
        and all_rows.indicator_code = indicators.indicator_code
    where not (indicators.indicator_code = '3.1' and scopes.scope_type <> 'province')
),

final as (
    select
        rows.period_type, rows.period, rows.period_end, rows.scope_type, rows.scope_code, rows.child_type,
        rows.child_unit_code, rows.child_procedure_code, rows.indicator_code, rows.numerator, rows.denominator,
        case
            when rows.indicator_code in ('3.1', '3.2', '3.5', '3.5b') then flags.unit_procedures_absent
            when rows.indicator_code = '4.5a' then flags.unit_procedures_absent or flags.for_citizens_absent
            else false
        end as proxy
    from (
        select * from totals
        union all
        select * from all_rows where child_type <> 'total' and denominator > 0
    ) rows
    cross join flags
)

select * from final
