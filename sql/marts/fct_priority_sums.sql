-- fct_priority_sums: the sums behind the re-engineering priority list: the procedure's received count
-- and its own rates, per year and scope (province, unit as it was, unit as it is).
-- Grain: year, scope_type, scope_code, procedure_code, kpi_code. Parameters: :province_code.

with inputs as (
    select *
    from int_kpi_inputs
    where procedure_code is not null
      and kpi_code in ('received', 'online_rate', 'paper_parallel_rate', 'on_time_rate', 'satisfaction_rate')
),

exploded as (
    select year, scope_type, scope_code, procedure_code, kpi_code, numerator, denominator
    from inputs
    lateral view stack(3,
        'province', :province_code,
        'unit', unit_code,
        'unit_current', unit_current_code
    ) scopes as scope_type, scope_code
),

final as (
    select
        year, scope_type, scope_code, procedure_code, kpi_code,
        sum(numerator) as numerator,
        sum(denominator) as denominator,
        cast(null as double) as precomputed_value
    from exploded
    group by year, scope_type, scope_code, procedure_code, kpi_code
)

select * from final
