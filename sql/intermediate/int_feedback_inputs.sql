-- int_feedback_inputs: the feedback KPIs of METRICS.md as a numerator and a denominator, summed at the
-- finest grain any scope needs. THE definition of each feedback KPI lives here, once.
-- Feedback counts feedback rows, by its own NgayTiepNhan and DonViXuLy; no deadline = on time. It has
-- no procedure or sector. Grain: year, month, unit_code, unit_current_code, kpi_code.
-- Parameters: :as_of (date). Inputs: silver_feedback, silver_units.

with feedback as (
    select * from silver_feedback
),

units as (
    select distinct unit_code, current_unit_code from silver_units
),

feedback_kpis as (
    select
        feedback.year,
        feedback.month,
        feedback.unit_code,
        coalesce(units.current_unit_code, feedback.unit_code) as unit_current_code,
        stack(2,
            'feedback_on_time_rate',
                int(case
                    when feedback.deadline_at is null then true
                    when feedback.answered_at is not null then to_date(feedback.answered_at) <= to_date(feedback.deadline_at)
                    else :as_of <= to_date(feedback.deadline_at)
                end), 1,
            'feedback_published_rate', int(feedback.is_published), 1
        ) as (kpi_code, numerator, denominator)
    from feedback
    left join units
        on units.unit_code = feedback.unit_code
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
