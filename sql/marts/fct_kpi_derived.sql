-- fct_kpi_derived: province KPIs computed from other marts, in kpi_sums form.
-- time_reduction_median = median of processing_time_comparison.reduction over its procedures (a value,
-- not a ratio: numerator and denominator null); full_online_coverage from catalog_coverage.
-- Parameters: :province_code. Inputs: fct_processing_time_comparison, fct_catalog_coverage.

with comparison as (
    select * from fct_processing_time_comparison
),

coverage as (
    select * from fct_catalog_coverage
),

time_reduction as (
    select
        year, 'Y' as period_type, cast(year as string) as period, 'province' as scope_type, :province_code as scope_code,
        'time_reduction_median' as kpi_code,
        cast(null as bigint) as numerator,
        cast(null as bigint) as denominator,
        percentile(reduction, 0.5) as precomputed_value
    from comparison
    where reduction is not null
    group by year
),

full_online_coverage as (
    select
        year, 'Y' as period_type, cast(year as string) as period, 'province' as scope_type, :province_code as scope_code,
        'full_online_coverage' as kpi_code,
        eligible_offered_full_online as numerator,
        eligible_full_online as denominator,
        cast(null as double) as precomputed_value
    from coverage
)

select * from time_reduction
union all
select * from full_online_coverage
