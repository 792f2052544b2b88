-- fct_kpi_sums: int_kpi_inputs rolled up to every period (Y, M) and scope (province, unit as it was,
-- unit_current as it is after mergers, procedure, sector), plus the KPIs that do not add up:
-- adoption (distinct applicants, Y only, province and unit).
-- Parameters: :province_code. Inputs: int_kpi_inputs, int_dossier_facts.

with inputs as (
    select * from int_kpi_inputs
),

facts as (
    select * from int_dossier_facts
),

exploded as (
    select year, period_type, period, scope_type, scope_code, kpi_code, numerator, denominator
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
    where scope_code is not null
),

additive as (
    select
        year, period_type, period, scope_type, scope_code, kpi_code,
        sum(numerator) as numerator,
        sum(denominator) as denominator,
        cast(null as double) as precomputed_value
    from exploded
    group by year, period_type, period, scope_type, scope_code, kpi_code
),

citizens as (
    select year, unit_code, applicant_key, is_online
    from facts
    where applicant_type = 'CITIZEN'
      and applicant_key is not null
),

adoption as (
    -- distinct citizens with an online dossier / distinct citizens, in the year
    select
        year,
        'Y' as period_type,
        cast(year as string) as period,
        scope_type,
        scope_code,
        'adoption_rate' as kpi_code,
        count(distinct case when is_online then applicant_key end) as numerator,
        count(distinct applicant_key) as denominator,
        cast(null as double) as precomputed_value
    from citizens
    lateral view stack(2, 'province', :province_code, 'unit', unit_code) scopes as scope_type, scope_code
    group by year, scope_type, scope_code
),

final as (
    select * from additive
    union all
    select * from adoption
)

select * from final
