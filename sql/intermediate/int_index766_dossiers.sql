-- int_index766_dossiers: every received dossier once per period type of its cohort (M, Q, Y of received_at),
-- with the on-time rule of the Decision 766 index (late_766, docs/index766.md) and the per-dossier flags its
-- dossier indicators count. An open dossier's end depends on the period (min(period end, as-of)), hence the
-- grain period_type x dossier_id. is_late (METRICS.md) stays in int_dossier_facts, unchanged.
-- Working days (only for the few dossiers without a due date): Monday to Friday minus silver.holidays,
-- counted from the day after the receipt day up to and including the end day.
-- Parameters: :as_of, :ended_statuses, :awaiting_supplement_statuses (sql/constants.yml) and the formula
-- profile's switches :supplement_gt1_scope ('pending_only' | 'all'), :subtract_supplement_time,
-- :fee_synced_numerator ('fees_synced' | 'paid_on_portal'), :e_result_requires_paper_result.
-- Inputs: int_dossier_facts, silver_holidays.

with facts as (
    select * from int_dossier_facts
),

holidays as (
    select distinct holiday_date from silver_holidays where holiday_date is not null
),

by_period as (
    -- one row per dossier and period type; the cohort period is that of the received date
    select
        facts.*,
        period_type,
        case period_type
            when 'M' then trunc(received_date, 'MM')
            when 'Q' then trunc(received_date, 'quarter')
            else trunc(received_date, 'year')
        end as period_start
    from facts
    lateral view explode(array('M', 'Q', 'Y')) p as period_type
),

with_end as (
    select
        by_period.*,
        case period_type
            when 'M' then date_format(received_date, 'yyyy-MM')
            when 'Q' then concat(year(received_date), '-Q', quarter(received_date))
            else cast(year(received_date) as string)
        end as period,
        date_add(add_months(period_start, case period_type when 'M' then 1 when 'Q' then 3 else 12 end), -1) as period_end,
        not array_contains(:ended_statuses, status) as is_open,
        array_contains(:awaiting_supplement_statuses, status)
            and last_supplement_requested_at is not null and last_supplement_answered_at is null as supplement_pending
    from by_period
),

ends as (
    select
        with_end.*,
        -- rule 1: finished_at when ended; the pending request when awaiting a supplement; else min(period end, as-of)
        -- (an ended dossier without finished_at is treated as open); rule 3: less the supplement time when switched on
        case when :subtract_supplement_time then timestamp_micros(unix_micros(raw_end_at) - coalesce(supplement_seconds, 0) * 1000000)
             else raw_end_at end as end_at
    from (
        select
            with_end.*,
            case
                when not is_open and finished_at is not null then finished_at
                when supplement_pending then last_supplement_requested_at
                else cast(least(period_end, :as_of) as timestamp)
            end as raw_end_at
        from with_end
    ) with_end
),

need_days as (
    -- only dossiers without a due date but with a catalogue deadline are judged in working days
    select period_type, dossier_id, received_date, to_date(end_at) as end_date
    from ends
    where due_at is null and deadline_days is not null
),

calendar as (
    -- the days between the earliest receipt and the latest end among them, with the running count of working days
    select
        day,
        sum(case when dayofweek(day) in (1, 7) or holidays.holiday_date is not null then 0 else 1 end)
            over (order by day rows between unbounded preceding and current row) as working_day_index
    from (
        select explode(sequence(min(least(received_date, end_date)), max(greatest(received_date, end_date)))) as day
        from need_days
    ) days
    left join holidays on holidays.holiday_date = days.day
),

working_days as (
    -- working days after the receipt day up to and including the end day
    select /*+ BROADCAST(from_day, to_day) */
        need_days.period_type,
        need_days.dossier_id,
        to_day.working_day_index - from_day.working_day_index as working_days
    from need_days
    inner join calendar from_day on from_day.day = need_days.received_date
    inner join calendar to_day on to_day.day = need_days.end_date
),

judged as (
    select
        ends.*,
        working_days.working_days,
        due_at is null and deadline_days is null as late_766_undetermined,
        -- rule 2: more than one supplement request (pending_only: only while awaiting a supplement)
        (coalesce(supplement_count, 0) > 1
            and (:supplement_gt1_scope = 'all' or array_contains(:awaiting_supplement_statuses, status)))
        -- rule 4: after the due date, else more working days than the catalogue deadline; neither = on time
        or case
            when due_at is not null then to_date(end_at) > to_date(due_at)
            when deadline_days is not null then working_days.working_days > deadline_days
            else false
        end as is_late_766
    from ends
    left join working_days
        on working_days.period_type = ends.period_type
        and working_days.dossier_id = ends.dossier_id
),

final as (
    select
        period_type,
        period,
        period_start,
        period_end,
        dossier_id,
        unit_code,
        unit_current_code,
        procedure_code,
        status,
        is_open,
        due_at,
        end_at,
        coalesce(is_late_766, false) as is_late_766,
        late_766_undetermined,
        cast(working_days as int) as working_days,
        is_finished,
        cast(processing_days as double) as processing_days,
        coalesce(is_online, false) as is_online,
        has_fee,
        coalesce(has_fee and not coalesce(fee_list_all_zero, false), false) as is_fee_dossier,
        coalesce(paid_online, false) as is_paid_online,
        case when :fee_synced_numerator = 'paid_on_portal' then coalesce(paid_online, false)
             else coalesce(fee_total > 0, false) end as is_fee_synced,
        coalesce(has_e_result and (not :e_result_requires_paper_result or is_paper_result_procedure), false) as has_e_result_766,
        coalesce(has_documents and has_e_result, false) as is_digitized_with_result,
        coalesce(is_digitized, false) as is_digitized,
        coalesce(from_personal_store, false) as from_personal_store,
        coalesce(is_vneid or from_personal_store, false) as uses_citizen_data,
        not coalesce(is_late_766, false) and coalesce(rating, 0) <> 1 and not coalesce(has_feedback, false) as is_satisfied_766
    from judged
)

select * from final
