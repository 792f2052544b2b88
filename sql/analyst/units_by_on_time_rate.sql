-- Units ranked by their on-time rate (766: not late / received), worst first, with their volume and
-- late online dossiers. Parameters: year; unit_scope (optional: 'unit' as it was (default), 'unit_current').

with rates as (
    select scope_code as unit_code, kpi_code, numerator, denominator, value
    from kpi
    where period_type = 'Y'
      and period = cast(getvariable('year') as varchar)
      and scope_type = coalesce(getvariable('unit_scope'), 'unit')
      and kpi_code in ('on_time_rate', 'late_online')
),

units as (
    select unit_code, any_value(unit_name) as unit_name from units group by unit_code
),

final as (
    select
        rates.unit_code,
        units.unit_name,
        max(case when kpi_code = 'on_time_rate' then denominator end) as received,
        round(max(case when kpi_code = 'on_time_rate' then value end) * 100, 1) as on_time_pct,
        max(case when kpi_code = 'late_online' then numerator end) as late_online
    from rates
    left join units on units.unit_code = rates.unit_code
    group by rates.unit_code, units.unit_name
)

select
    row_number() over (order by on_time_pct asc nulls last, received desc, unit_code) as rank,
    *
from final
order by rank
