-- 50_province_priority: the province's re-engineering priority list per year, as gold `procedure_priority`
-- (scope province): sql/marts/fct_priority_sums.sql, kpi_values.sql and fct_procedure_priority.sql.
-- rank = row_number by received desc, procedure_code asc; in_pareto_80 exactly in integers; catalogue
-- attributes from the row valid on 31 Dec of the year (else the last row that started); the procedure's
-- own rates (satisfaction suppressed below 30 ratings) and exact median processing days.

create or replace table bench_province_priority as
with sums as (
    select
        year,
        procedure_code,
        count(*) as received,
        sum(cast(is_online as integer)) as online,
        sum(cast(is_online and has_paper_copy and is_paper_free_procedure as integer)) as paper_n,
        sum(cast(is_online and is_paper_free_procedure as integer)) as paper_d,
        sum(cast(not is_late as integer)) as on_time,
        sum(cast(rating is not null and rating in (2, 3) as integer)) as satisfied,
        sum(cast(rating is not null as integer)) as rated,
        quantile_cont(case when is_finished then processing_days end, 0.5) as median_processing_days
    from bench_facts
    group by year, procedure_code
),

ranked as (
    select
        sums.*,
        row_number() over (partition by year order by received desc, procedure_code asc) as rank,
        sum(received) over (partition by year) as scope_received,
        sum(received) over (
            partition by year
            order by received desc, procedure_code asc
            rows between unbounded preceding and current row
        ) as cum_received
    from sums
    where received > 0
),

catalog_at_year_end as (
    select
        years.year,
        procedures.procedure_code,
        procedures.procedure_name,
        procedures.sector_code,
        procedures.service_level,
        procedures.eligible_full_online,
        procedures.reengineered_on
    from (select distinct year from sums) as years
    cross join bench_procedures as procedures
    qualify row_number() over (
        partition by years.year, procedures.procedure_code
        order by
            case when procedures.valid_from <= make_date(years.year, 12, 31)
                  and (procedures.valid_to is null or procedures.valid_to >= make_date(years.year, 12, 31))
                 then 0 else 1 end,
            procedures.valid_from desc
    ) = 1
),

rates as (
    select
        ranked.*,
        bench_value('online_rate', online, received, null) as online_rate,
        bench_value('paper_parallel_rate', paper_n, paper_d, null) as paper_parallel_rate,
        bench_value('on_time_rate', on_time, received, null) as on_time_rate,
        bench_value('satisfaction_rate', satisfied, rated, null) as satisfaction_rate
    from ranked
)

select
    cast(rates.year as integer) as year,
    'province' as scope_type,
    getvariable('province_code') as scope_code,
    rates.procedure_code,
    catalog_at_year_end.procedure_name,
    catalog_at_year_end.sector_code,
    cast(rates.received as bigint) as received,
    cast(rates.rank as integer) as rank,
    rates.received / rates.scope_received as share,
    rates.cum_received / rates.scope_received as cum_share,
    5 * (rates.cum_received - rates.received) < 4 * rates.scope_received as in_pareto_80,
    catalog_at_year_end.service_level,
    catalog_at_year_end.eligible_full_online,
    coalesce(catalog_at_year_end.reengineered_on <= make_date(rates.year, 12, 31), false) as reengineered,
    rates.online_rate,
    rates.paper_parallel_rate,
    rates.on_time_rate,
    rates.satisfaction_rate,
    rates.median_processing_days,
    coalesce(catalog_at_year_end.eligible_full_online and catalog_at_year_end.service_level <> 'TOAN_TRINH', false) as upgrade_candidate,
    coalesce(rates.paper_parallel_rate >= 0.05, false) as paper_hotspot,
    coalesce(rates.satisfaction_rate < 0.90, false) as low_satisfaction
from rates
left join catalog_at_year_end
    on catalog_at_year_end.year = rates.year
    and catalog_at_year_end.procedure_code = rates.procedure_code;
