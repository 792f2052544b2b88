-- fct_procedure_priority: Solution 3 of the Bình Định plan — procedures that had dossiers, ranked by
-- yearly volume per scope, with Pareto coverage, catalogue attributes and the procedure's own rates.
-- Grain: year, scope_type, scope_code, procedure_code.
-- Inputs: fct_priority_values (fct_priority_sums through the rule of kpi_values), int_processing_medians, silver_procedures.
-- Parameters: :pareto_share, :paper_hotspot_min_rate, :low_satisfaction_below (sql/constants.yml).

with priority as (
    select * from fct_priority_values
),

procedures as (
    select * from silver_procedures
),

pivoted as (
    select
        year, scope_type, scope_code, procedure_code,
        max(case when kpi_code = 'received' then numerator end) as received,
        max(case when kpi_code = 'online_rate' then value end) as online_rate,
        max(case when kpi_code = 'paper_parallel_rate' then value end) as paper_parallel_rate,
        max(case when kpi_code = 'on_time_rate' then value end) as on_time_rate,
        max(case when kpi_code = 'satisfaction_rate' then value end) as satisfaction_rate,
        max(case when kpi_code = 'satisfaction_rate' then suppressed end) as satisfaction_suppressed,
        max(case when kpi_code = 'online_rate' then numerator end) as online_numerator,
        max(case when kpi_code = 'online_rate' then denominator end) as online_denominator,
        max(case when kpi_code = 'paper_parallel_rate' then numerator end) as paper_parallel_numerator,
        max(case when kpi_code = 'paper_parallel_rate' then denominator end) as paper_parallel_denominator,
        max(case when kpi_code = 'on_time_rate' then numerator end) as on_time_numerator,
        max(case when kpi_code = 'on_time_rate' then denominator end) as on_time_denominator,
        max(case when kpi_code = 'satisfaction_rate' then numerator end) as satisfaction_numerator,
        max(case when kpi_code = 'satisfaction_rate' then denominator end) as satisfaction_denominator
    from priority
    group by year, scope_type, scope_code, procedure_code
),

ranked as (
    select
        pivoted.*,
        row_number() over (partition by year, scope_type, scope_code order by received desc, procedure_code asc) as rank,
        sum(received) over (partition by year, scope_type, scope_code) as scope_received,
        sum(received) over (
            partition by year, scope_type, scope_code
            order by received desc, procedure_code asc
            rows between unbounded preceding and current row
        ) as cum_received
    from pivoted
    where received > 0
),

medians as (
    select year, scope_type, scope_code, procedure_code, median_days as median_processing_days
    from int_processing_medians
    where channel = 'ALL'
),

catalog_at_year_end as (
    -- the catalogue row valid on 31 Dec of the year, or else the last row that started
    select
        years.year,
        procedures.procedure_code,
        procedures.procedure_name,
        procedures.sector_code,
        procedures.service_level,
        procedures.eligible_full_online,
        procedures.reengineered_on,
        row_number() over (
            partition by years.year, procedures.procedure_code
            order by
                case when procedures.valid_from <= make_date(years.year, 12, 31)
                      and (procedures.valid_to is null or procedures.valid_to >= make_date(years.year, 12, 31))
                     then 0 else 1 end,
                procedures.valid_from desc
        ) as catalog_rank
    from (select distinct year from pivoted) as years
    cross join procedures
),

final as (
    select
        ranked.year,
        ranked.scope_type,
        ranked.scope_code,
        ranked.procedure_code,
        catalog_at_year_end.procedure_name,
        catalog_at_year_end.sector_code,
        ranked.received,
        ranked.rank,
        ranked.received / ranked.scope_received as share,
        ranked.cum_received / ranked.scope_received as cum_share,
        -- exact: a bigint against a decimal times a bigint (no rounded shares): cum_share - share < :pareto_share
        ranked.cum_received - ranked.received < :pareto_share * ranked.scope_received as in_pareto_80,
        catalog_at_year_end.service_level,
        catalog_at_year_end.eligible_full_online,
        coalesce(catalog_at_year_end.reengineered_on <= make_date(ranked.year, 12, 31), false) as reengineered,
        ranked.online_rate,
        ranked.paper_parallel_rate,
        ranked.on_time_rate,
        ranked.satisfaction_rate,
        -- each rate's own counts, so a reader can see how many dossiers stand behind it (kept when suppressed)
        ranked.online_numerator,
        ranked.online_denominator,
        ranked.paper_parallel_numerator,
        ranked.paper_parallel_denominator,
        ranked.on_time_numerator,
        ranked.on_time_denominator,
        ranked.satisfaction_numerator,
        ranked.satisfaction_denominator,
        medians.median_processing_days,
        coalesce(catalog_at_year_end.eligible_full_online and catalog_at_year_end.service_level <> 'TOAN_TRINH', false) as upgrade_candidate,
        coalesce(ranked.paper_parallel_rate >= :paper_hotspot_min_rate, false) as paper_hotspot,
        coalesce(ranked.satisfaction_rate < :low_satisfaction_below, false) as low_satisfaction
    from ranked
    left join medians
        on medians.year = ranked.year
        and medians.scope_type = ranked.scope_type
        and medians.scope_code = ranked.scope_code
        and medians.procedure_code = ranked.procedure_code
    left join catalog_at_year_end
        on catalog_at_year_end.year = ranked.year
        and catalog_at_year_end.procedure_code = ranked.procedure_code
        and catalog_at_year_end.catalog_rank = 1
)

select * from final
