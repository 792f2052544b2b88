-- fct_kpi_sums: the KPI sums rolled up to every period (Y, Q, M, YTD) and scope (province, unit as it
-- was, unit_current as it is after mergers, procedure, sector), one row per KPI, plus the KPIs that do not
-- add up: adoption (distinct applicants, Y and YTD, province and unit). A quarter and a year to date
-- (named by its last month: 2025-09 = 1 Jan to 30 Sep) are sums of the M rows; a year's YTD periods run
-- from January to its last month with data.
-- The dossier KPIs are added up wide (int_kpi_inputs) and turned into rows after the roll-up (the
-- markers expand from sql/kpis.yml: a sum per <code>__num / <code>__den, then one stack of them); a scope
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
        {{ kpi_rolled_up_sums }}
    from dossier_exploded
    group by year, period_type, period, scope_type, scope_code
),

dossier_kpis as (
    select
        year, period_type, period, scope_type, scope_code,
        {{ kpi_rows }}
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

months as (
    -- the M rows of the additive KPIs with their month: a quarter and a year to date are sums of them
    select year, cast(substring(period, 6, 2) as int) as month, scope_type, scope_code, kpi_code, numerator, denominator
    from additive
    where period_type = 'M'
),

quarters as (
    select
        year, 'Q' as period_type, concat(cast(year as string), '-Q', cast(quarter as string)) as period,
        scope_type, scope_code, kpi_code,
        sum(numerator) as numerator,
        sum(denominator) as denominator,
        cast(null as double) as precomputed_value
    from (select months.*, (month + 2) div 3 as quarter from months) by_quarter
    group by year, quarter, scope_type, scope_code, kpi_code
),

ytd_months as (
    -- a year's YTD periods are named by each month from January to its last month with data
    select year, ytd_month
    from (select year, max(month) as last_month from months group by year) last_months
    lateral view explode(sequence(1, last_month)) ytd as ytd_month
),

years_to_date as (
    select
        months.year, 'YTD' as period_type,
        concat(cast(months.year as string), '-', lpad(cast(ytd_months.ytd_month as string), 2, '0')) as period,
        months.scope_type, months.scope_code, months.kpi_code,
        sum(months.numerator) as numerator,
        sum(months.denominator) as denominator,
        cast(null as double) as precomputed_value
    from months
    inner join ytd_months
        on ytd_months.year = months.year
        and months.month <= ytd_months.ytd_month
    group by months.year, ytd_months.ytd_month, months.scope_type, months.scope_code, months.kpi_code
),

citizen_years as (
    -- one row per citizen in the year, in the province and in each unit: the first month they filed
    -- there, and the first month they filed online there (null: never)
    select
        year,
        unit_code,
        grouping(unit_code) = 1 as in_province,
        min(month) as first_month,
        min(case when is_online then month end) as first_online_month
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
        count_if(first_online_month is not null) as numerator,
        count(*) as denominator,
        cast(null as double) as precomputed_value
    from citizen_years
    group by year, in_province, unit_code
),

adoption_months as (
    -- per year, scope and month: the citizens first seen that month, and first seen online that month
    select year, in_province, unit_code, month, sum(citizens) as citizens, sum(online) as online
    from (
        select year, in_province, unit_code, first_month as month, 1 as citizens, 0 as online
        from citizen_years
        union all
        select year, in_province, unit_code, first_online_month as month, 0 as citizens, 1 as online
        from citizen_years
        where first_online_month is not null
    ) firsts
    group by year, in_province, unit_code, month
),

adoption_to_date as (
    -- distinct citizens with an online dossier / distinct citizens, from 1 January to the YTD month's end
    select
        adoption_months.year,
        'YTD' as period_type,
        concat(cast(adoption_months.year as string), '-', lpad(cast(ytd_months.ytd_month as string), 2, '0')) as period,
        case when in_province then 'province' else 'unit' end as scope_type,
        case when in_province then :province_code else unit_code end as scope_code,
        'adoption_rate' as kpi_code,
        sum(online) as numerator,
        sum(citizens) as denominator,
        cast(null as double) as precomputed_value
    from adoption_months
    inner join ytd_months
        on ytd_months.year = adoption_months.year
        and adoption_months.month <= ytd_months.ytd_month
    group by adoption_months.year, ytd_months.ytd_month, in_province, unit_code
),

final as (
    select * from additive
    union all
    select * from quarters
    union all
    select * from years_to_date
    union all
    select * from adoption
    union all
    select * from adoption_to_date
)

select * from final
