-- fct_kpi_sums: the KPI sums rolled up to every period (Y, M) and scope (province, unit as it was,
-- unit_current as it is after mergers, procedure, sector), one row per KPI, plus the KPIs that do not add
-- up: adoption (distinct applicants, Y only, province and unit).
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
