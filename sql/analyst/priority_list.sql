-- The ranked re-engineering priority list of a year, for the province or one unit.
-- Parameters: year (e.g. 2024); unit (optional: a unit code; omit for the province);
--             unit_scope (optional: 'unit' = as it was (default), 'unit_current' = as it is after mergers).
-- DuckDB CLI / DBeaver: SET VARIABLE year = 2024; SET VARIABLE unit = '...'; then run the file.
-- hoso: ./hoso query --file sql/analyst/priority_list.sql --param year=2024 [--param unit=CODE]

with params as (
    select
        getvariable('year') as year,
        getvariable('unit') as unit,
        coalesce(getvariable('unit_scope'), 'unit') as unit_scope
),

final as (
    select
        p.rank,
        p.procedure_code,
        p.procedure_name,
        p.received,
        round(p.share * 100, 1) as share_pct,
        round(p.cum_share * 100, 1) as cum_share_pct,
        p.in_pareto_80,
        p.service_level,
        round(p.online_rate * 100, 1) as online_pct,
        round(p.paper_parallel_rate * 100, 1) as paper_parallel_pct,
        round(p.on_time_rate * 100, 1) as on_time_pct,
        round(p.satisfaction_rate * 100, 1) as satisfaction_pct,
        p.median_processing_days,
        p.upgrade_candidate,
        p.paper_hotspot,
        p.low_satisfaction
    from procedure_priority as p
    cross join params
    where p.year = params.year
      and (
          (params.unit is null and p.scope_type = 'province')
          or (params.unit is not null and p.scope_type = params.unit_scope and p.scope_code = params.unit)
      )
)

select * from final order by rank
