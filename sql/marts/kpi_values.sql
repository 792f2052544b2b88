-- kpi_values: THE rule for a KPI's value and suppression, applied to any grain of sums.
-- value = numerator / denominator; null when the denominator is 0; counts (null denominator) have
-- value = numerator; a precomputed value (a median) is kept. suppressed when a rate's denominator is
-- below min_n (config_kpi_min_n, else :default_min_n); the value is then null, numerator and denominator kept.
-- Inputs: kpi_sums (a placeholder each instance binds: any columns + kpi_code, numerator, denominator,
-- precomputed_value), config_kpi_min_n. A template: fct_kpi and fct_priority_values apply it.

with sums as (
    select * from kpi_sums
),

min_n as (
    select * from config_kpi_min_n
),

final as (
    select
        sums.*,
        coalesce(sums.denominator < coalesce(min_n.min_n, :default_min_n), false) as suppressed
    from sums
    left join min_n
        on min_n.kpi_code = sums.kpi_code
)

select
    final.*,
    case
        when denominator is null then coalesce(precomputed_value, cast(numerator as double))
        when suppressed then null
        when denominator = 0 then null
        else numerator / denominator
    end as value
from final
