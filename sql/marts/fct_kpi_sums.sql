-- fct_kpi_sums: the KPI sums rolled up to every period (Y, M) and scope (province, unit as it was,
-- unit_current as it is after mergers, procedure, sector), one row per KPI, plus the KPIs that do not add
-- up: adoption (distinct applicants, Y only, province and unit).
-- The dossier KPIs are added up wide (int_kpi_inputs) and turned into rows after the roll-up; a scope
-- has a row for every dossier KPI when it has a dossier, for every feedback KPI when it has feedback.
-- Parameters: :province_code. Inputs: int_kpi_inputs, int_feedback_inputs, int_dossier_facts.

with inputs as (
    select * from int_kpi_inputs
),

feedback_inputs as (
    select * from int_feedback_inputs
),

facts as (
    select * from int_dossier_facts
),

dossier_exploded as (
    select periods.period_type, periods.period, scopes.scope_type, scopes.scope_code, inputs.*
    from inputs
    lateral view stack(2,
        'Y', cast(year as string),
        'M', concat(cast(year as string), '-', lpad(cast(month as string), 2, '0'))
    ) periods as period_type, period
    lateral view stack(5,
        'province', :province_code,
        'unit', unit_code,
        'unit_current', unit_current_code,
        'procedure', procedure_code,
        'sector', sector_code
    ) scopes as scope_type, scope_code
    where scopes.scope_code is not null
),

dossier_rolled_up as (
    select
        year, period_type, period, scope_type, scope_code,
        sum(received__num) as received__num, sum(received__den) as received__den,
        sum(online_rate__num) as online_rate__num, sum(online_rate__den) as online_rate__den,
        sum(online_rate_dvctt__num) as online_rate_dvctt__num, sum(online_rate_dvctt__den) as online_rate_dvctt__den,
        sum(full_online_rate__num) as full_online_rate__num, sum(full_online_rate__den) as full_online_rate__den,
        sum(full_online_share__num) as full_online_share__num, sum(full_online_share__den) as full_online_share__den,
        sum(remote_rate__num) as remote_rate__num, sum(remote_rate__den) as remote_rate__den,
        sum(assisted_rate__num) as assisted_rate__num, sum(assisted_rate__den) as assisted_rate__den,
        sum(paper_parallel_rate__num) as paper_parallel_rate__num, sum(paper_parallel_rate__den) as paper_parallel_rate__den,
        sum(fully_electronic_rate__num) as fully_electronic_rate__num, sum(fully_electronic_rate__den) as fully_electronic_rate__den,
        sum(online_payment_rate__num) as online_payment_rate__num, sum(online_payment_rate__den) as online_payment_rate__den,
        sum(digitization_rate__num) as digitization_rate__num, sum(digitization_rate__den) as digitization_rate__den,
        sum(reuse_rate__num) as reuse_rate__num, sum(reuse_rate__den) as reuse_rate__den,
        sum(e_result_rate__num) as e_result_rate__num, sum(e_result_rate__den) as e_result_rate__den,
        sum(on_time_rate__num) as on_time_rate__num, sum(on_time_rate__den) as on_time_rate__den,
        sum(late_online__num) as late_online__num, sum(late_online__den) as late_online__den,
        sum(satisfaction_rate__num) as satisfaction_rate__num, sum(satisfaction_rate__den) as satisfaction_rate__den,
        sum(rating_coverage__num) as rating_coverage__num, sum(rating_coverage__den) as rating_coverage__den,
        sum(dossier_satisfaction_766__num) as dossier_satisfaction_766__num, sum(dossier_satisfaction_766__den) as dossier_satisfaction_766__den,
        sum(civil_servant_in_person__num) as civil_servant_in_person__num, sum(civil_servant_in_person__den) as civil_servant_in_person__den
    from dossier_exploded
    group by year, period_type, period, scope_type, scope_code
),

dossier_kpis as (
    select
        year, period_type, period, scope_type, scope_code,
        stack(19,
            'received', received__num, received__den,
            'online_rate', online_rate__num, online_rate__den,
            'online_rate_dvctt', online_rate_dvctt__num, online_rate_dvctt__den,
            'full_online_rate', full_online_rate__num, full_online_rate__den,
            'full_online_share', full_online_share__num, full_online_share__den,
            'remote_rate', remote_rate__num, remote_rate__den,
            'assisted_rate', assisted_rate__num, assisted_rate__den,
            'paper_parallel_rate', paper_parallel_rate__num, paper_parallel_rate__den,
            'fully_electronic_rate', fully_electronic_rate__num, fully_electronic_rate__den,
            'online_payment_rate', online_payment_rate__num, online_payment_rate__den,
            'digitization_rate', digitization_rate__num, digitization_rate__den,
            'reuse_rate', reuse_rate__num, reuse_rate__den,
            'e_result_rate', e_result_rate__num, e_result_rate__den,
            'on_time_rate', on_time_rate__num, on_time_rate__den,
            'late_online', late_online__num, late_online__den,
            'satisfaction_rate', satisfaction_rate__num, satisfaction_rate__den,
            'rating_coverage', rating_coverage__num, rating_coverage__den,
            'dossier_satisfaction_766', dossier_satisfaction_766__num, dossier_satisfaction_766__den,
            'civil_servant_in_person', civil_servant_in_person__num, civil_servant_in_person__den
        ) as (kpi_code, numerator, denominator)
    from dossier_rolled_up
),

feedback_kpis as (
    select
        year, period_type, period, scope_type, scope_code, kpi_code,
        sum(numerator) as numerator,
        sum(denominator) as denominator
    from feedback_inputs
    lateral view stack(2,
        'Y', cast(year as string),
        'M', concat(cast(year as string), '-', lpad(cast(month as string), 2, '0'))
    ) periods as period_type, period
    lateral view stack(3,
        'province', :province_code,
        'unit', unit_code,
        'unit_current', unit_current_code
    ) scopes as scope_type, scope_code
    where scope_code is not null
    group by year, period_type, period, scope_type, scope_code, kpi_code
),

additive as (
    select year, period_type, period, scope_type, scope_code, kpi_code, numerator, denominator,
        cast(null as double) as precomputed_value
    from dossier_kpis
    union all
    select year, period_type, period, scope_type, scope_code, kpi_code, numerator, denominator,
        cast(null as double) as precomputed_value
    from feedback_kpis
),

citizen_years as (
    -- one row per citizen in the year, in the province and in each unit: did they file online there?
    select
        year,
        unit_code,
        grouping(unit_code) = 1 as in_province,
        max(is_online) as filed_online
    from facts
    where applicant_type = 'CITIZEN'
      and applicant_key is not null
    group by grouping sets ((year, applicant_key), (year, unit_code, applicant_key))
),

adoption as (
    -- distinct citizens with an online dossier / distinct citizens, in the year
    select
        year,
        'Y' as period_type,
        cast(year as string) as period,
        case when in_province then 'province' else 'unit' end as scope_type,
        case when in_province then :province_code else unit_code end as scope_code,
        'adoption_rate' as kpi_code,
        count_if(filed_online) as numerator,
        count(*) as denominator,
        cast(null as double) as precomputed_value
    from citizen_years
    group by year, in_province, unit_code
),

final as (
    select * from additive
    union all
    select * from adoption
)

select * from final
