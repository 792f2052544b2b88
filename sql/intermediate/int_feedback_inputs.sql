-- int_feedback_inputs: the feedback KPIs of the registry (sql/kpis.yml, facts: feedback) as a numerator
-- and a denominator, summed at the finest grain any scope needs (the marker expands to one stack of
-- '<code>', int(<numerator>), int(<denominator>) per KPI over feedback_facts' columns).
-- Feedback counts feedback rows, by its own NgayTiepNhan and DonViXuLy; no deadline = on time. It has
-- no procedure or sector. Grain: year, month, unit_code, unit_current_code, kpi_code.
-- Parameters: :as_of (date). Inputs: silver_feedback, silver_units.

with feedback as (
    select * from silver_feedback
),

units as (
    select distinct unit_code, current_unit_code from silver_units
),

feedback_facts as (
    -- one row per feedback: the feedback facts the registry's numerators and denominators read
    select
        feedback.*,
        coalesce(units.current_unit_code, feedback.unit_code) as unit_current_code
    from feedback
    left join units
        on units.unit_code = feedback.unit_code
),

feedback_kpis as (
    select
        year, month, unit_code, unit_current_code,
        {{ feedback_kpi_rows }}
    from feedback_facts
),

final as (
    select
        year, month, unit_code, unit_current_code, kpi_code,
        sum(numerator) as numerator,
        sum(denominator) as denominator
    from feedback_kpis
    group by year, month, unit_code, unit_current_code, kpi_code
)

select * from final
