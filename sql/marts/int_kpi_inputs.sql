-- int_kpi_inputs: every KPI of METRICS.md as a numerator and denominator, summed at the finest grain
-- any scope needs. THE definition of each dossier and feedback KPI lives here, once.
-- Grain: year, month, unit_code, unit_current_code, procedure_code, sector_code, kpi_code.
-- A count KPI has a null denominator. Feedback rows have no procedure or sector.
-- Parameters: :as_of (date). Inputs: int_dossier_facts, silver_feedback, silver_units.

with facts as (
    select * from int_dossier_facts
),

feedback as (
    select * from silver_feedback
),

units as (
    select distinct unit_code, current_unit_code from silver_units
),

dossier_kpis as (
    select
        year, month, unit_code, unit_current_code, procedure_code, sector_code,
        stack(19,
            'received',                 1,                                                        cast(null as int),
            'online_rate',              int(is_online),                                            1,
            'online_rate_dvctt',        int(is_online and is_online_service),                      int(is_online_service),
            'full_online_rate',         int(is_online and is_full_online_service),                 int(is_eligible_full_online),
            'full_online_share',        int(is_online and is_full_online_service),                 1,
            'remote_rate',              int(is_online and submitted_from <=> 'REMOTE'),            int(is_online),
            'assisted_rate',            int(is_online and submitted_from <=> 'ASSISTED'),          int(is_online),
            'paper_parallel_rate',      int(is_online and has_paper_copy and is_paper_free_procedure), int(is_online and is_paper_free_procedure),
            'fully_electronic_rate',    int(is_online and not has_paper_copy and is_paper_free_procedure), int(is_online and is_paper_free_procedure),
            'online_payment_rate',      int(fee_total > 0 and paid_online),                        int(fee_total > 0),
            'digitization_rate',        int(is_digitized),                                         1,
            'reuse_rate',               int(is_reused),                                            1,
            'e_result_rate',            int(is_finished and has_e_result and is_paper_result_procedure), int(is_finished and is_paper_result_procedure),
            'on_time_rate',             int(not is_late),                                          1,
            'late_online',              int(is_online and is_late),                                cast(null as int),
            'satisfaction_rate',        int(rating is not null and rating in (2, 3)),              int(rating is not null),
            'rating_coverage',          int(rating is not null),                                   int(is_finished),
            'dossier_satisfaction_766', int(not (is_late or rating <=> 1 or has_feedback)),        1,
            'civil_servant_in_person',  int(is_civil_servant and channel <> 'ONLINE' and has_online_service), cast(null as int)
        ) as (kpi_code, numerator, denominator)
    from facts
),

feedback_kpis as (
    -- feedback counts feedback rows, by its own NgayTiepNhan and DonViXuLy; no deadline = on time
    select
        feedback.year,
        feedback.month,
        feedback.unit_code,
        coalesce(units.current_unit_code, feedback.unit_code) as unit_current_code,
        cast(null as string) as procedure_code,
        cast(null as string) as sector_code,
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

unioned as (
    select * from dossier_kpis
    union all
    select * from feedback_kpis
),

final as (
    select
        year, month, unit_code, unit_current_code, procedure_code, sector_code, kpi_code,
        sum(numerator) as numerator,
        sum(denominator) as denominator
    from unioned
    group by year, month, unit_code, unit_current_code, procedure_code, sector_code, kpi_code
)

select * from final
