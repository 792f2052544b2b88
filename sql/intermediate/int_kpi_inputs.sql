-- int_kpi_inputs: every dossier KPI of the registry (sql/kpis.yml, facts: dossier) as a numerator and a
-- denominator, summed at the finest grain any scope needs; the kpi_wide_sums marker expands to one
-- sum(int(<numerator>)) as <code>__num, sum(int(<denominator>)) as <code>__den pair per KPI.
-- Wide: one column pair per KPI, <kpi_code>__num and <kpi_code>__den, so that a million dossiers are
-- summed once into a few hundred thousand rows; fct_kpi_sums and fct_priority_sums add the pairs up per
-- scope and turn them into (kpi_code, numerator, denominator) rows last.
-- A count KPI has a null denominator. Every row has at least one dossier, so in every scope that has a
-- dossier every dossier KPI has a row. The feedback KPIs are in int_feedback_inputs.
-- Grain: year, month, unit_code, unit_current_code, procedure_code, sector_code.
-- Inputs: int_dossier_facts.

with facts as (
    select * from int_dossier_facts
),

final as (
    select
        year, month, unit_code, unit_current_code, procedure_code, sector_code,
        {{ kpi_wide_sums }}
    from facts
    group by year, month, unit_code, unit_current_code, procedure_code, sector_code
)

select * from final
