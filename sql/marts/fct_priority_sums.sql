-- fct_priority_sums: the sums behind the re-engineering priority list: the procedure's received count
-- and its own rates, per year and scope (province, unit as it was, unit as it is), added up wide from
-- int_kpi_inputs and turned into one row per KPI last.
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
        sum(received__num) as received__num, sum(received__den) as received__den,
        sum(online_rate__num) as online_rate__num, sum(online_rate__den) as online_rate__den,
        sum(paper_parallel_rate__num) as paper_parallel_rate__num, sum(paper_parallel_rate__den) as paper_parallel_rate__den,
        sum(on_time_rate__num) as on_time_rate__num, sum(on_time_rate__den) as on_time_rate__den,
        sum(satisfaction_rate__num) as satisfaction_rate__num, sum(satisfaction_rate__den) as satisfaction_rate__den
    from exploded
    group by year, scope_type, scope_code, procedure_code
),

final as (
    select
        year, scope_type, scope_code, procedure_code,
        stack(5,
            'received', received__num, received__den,
            'online_rate', online_rate__num, online_rate__den,
            'paper_parallel_rate', paper_parallel_rate__num, paper_parallel_rate__den,
            'on_time_rate', on_time_rate__num, on_time_rate__den,
            'satisfaction_rate', satisfaction_rate__num, satisfaction_rate__den
        ) as (kpi_code, numerator, denominator),
        cast(null as double) as precomputed_value
    from rolled_up
)

select * from final
