-- Parallel paper by unit: online dossiers for which a paper copy was still taken in, among procedures
-- that do not legally require paper. Hotspot = 5% or more. Parameters: year.

with rates as (
    select * from kpi
    where period_type = 'Y'
      and period = cast(getvariable('year') as varchar)
      and scope_type = 'unit'
      and kpi_code = 'paper_parallel_rate'
),

units as (
    select unit_code, any_value(unit_name) as unit_name from units group by unit_code
),

final as (
    select
        rates.scope_code as unit_code,
        units.unit_name,
        rates.numerator as online_with_paper,
        rates.denominator as online_paper_free_procedures,
        round(rates.value * 100, 1) as paper_parallel_pct,
        coalesce(rates.value >= 0.05, false) as is_hotspot
    from rates
    left join units on units.unit_code = rates.scope_code
    where rates.denominator > 0
)

select * from final order by paper_parallel_pct desc nulls last, online_with_paper desc, unit_code
