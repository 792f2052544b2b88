-- fct_priority_sums: the sums behind the re-engineering priority list: the procedure's received count
-- and its own rates (the KPIs of sql/kpis.yml with priority_list: true), per year and scope (province,
-- unit as it was, unit as it is), added up wide from int_kpi_inputs and turned into one row per KPI last.
-- Grain: year, scope_type, scope_code, procedure_code, kpi_code. Parameters: :province_code.

with inputs as (
    select * from int_kpi_inputs
    where procedure_code is not null
),

exploded as (
    select scopes.scope_type, scopes.scope_code, inputs.*
    from inputs
    lateral view stack(3,
        'province', :province_code,
        'unit', unit_code,
        'unit_current', unit_current_code
    ) scopes as scope_type, scope_code
),

rolled_up as (
    select
        year, scope_type, scope_code, procedure_code,
        {{ priority_rolled_up_sums }}
    from exploded
    group by year, scope_type, scope_code, procedure_code
),

final as (
    select
        year, scope_type, scope_code, procedure_code,
        {{ priority_kpi_rows }},
        cast(null as double) as precomputed_value
    from rolled_up
)

select * from final
