-- fct_kpi_sums_all: every KPI sum of gold kpi, before the value rule: the sums that add up
-- (fct_kpi_sums) and those computed from other marts (fct_kpi_derived). Columns are named, not
-- positional, so either side may order its columns as it likes.
-- Grain: year, period_type, period, scope_type, scope_code, kpi_code.
-- Inputs: fct_kpi_sums, fct_kpi_derived. Parameters: none.

select year, period_type, period, scope_type, scope_code, kpi_code, numerator, denominator, precomputed_value
from fct_kpi_sums
union all
select year, period_type, period, scope_type, scope_code, kpi_code, numerator, denominator, precomputed_value
from fct_kpi_derived
