-- int_kpi_inputs: every dossier KPI of METRICS.md as a numerator and a denominator, summed at the finest
-- grain any scope needs. THE definition of each dossier KPI lives here, once.
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
        sum(1)                                                         as received__num,
        cast(null as bigint)                                           as received__den,
        sum(int(is_online))                                            as online_rate__num,
        sum(1)                                                         as online_rate__den,
        sum(int(is_online and is_online_service))                      as online_rate_dvctt__num,
        sum(int(is_online_service))                                    as online_rate_dvctt__den,
        sum(int(is_online and is_full_online_service))                 as full_online_rate__num,
        sum(int(eligible_full_online))                                 as full_online_rate__den,
        sum(int(is_online and is_full_online_service))                 as full_online_share__num,
        sum(1)                                                         as full_online_share__den,
        sum(int(is_online and submitted_from <=> 'REMOTE'))            as remote_rate__num,
        sum(int(is_online))                                            as remote_rate__den,
        sum(int(is_online and submitted_from <=> 'ASSISTED'))          as assisted_rate__num,
        sum(int(is_online))                                            as assisted_rate__den,
        sum(int(is_online and has_paper_copy and is_paper_free_procedure)) as paper_parallel_rate__num,
        sum(int(is_online and is_paper_free_procedure))                as paper_parallel_rate__den,
        sum(int(is_online and not has_paper_copy and is_paper_free_procedure)) as fully_electronic_rate__num,
        sum(int(is_online and is_paper_free_procedure))                as fully_electronic_rate__den,
        sum(int(fee_total > 0 and paid_online))                        as online_payment_rate__num,
        sum(int(fee_total > 0))                                        as online_payment_rate__den,
        sum(int(is_digitized))                                         as digitization_rate__num,
        sum(1)                                                         as digitization_rate__den,
        sum(int(is_reused))                                            as reuse_rate__num,
        sum(1)                                                         as reuse_rate__den,
        sum(int(is_finished and has_e_result and is_paper_result_procedure)) as e_result_rate__num,
        sum(int(is_finished and is_paper_result_procedure))            as e_result_rate__den,
        sum(int(not is_late))                                          as on_time_rate__num,
        sum(1)                                                         as on_time_rate__den,
        sum(int(is_online and is_late))                                as late_online__num,
        cast(null as bigint)                                           as late_online__den,
        sum(int(rating is not null and rating in (2, 3)))              as satisfaction_rate__num,
        sum(int(rating is not null))                                   as satisfaction_rate__den,
        sum(int(rating is not null))                                   as rating_coverage__num,
        sum(int(is_finished))                                          as rating_coverage__den,
        sum(int(not (is_late or rating <=> 1 or has_feedback)))        as dossier_satisfaction_766__num,
        sum(1)                                                         as dossier_satisfaction_766__den,
        sum(int(is_civil_servant and channel <> 'ONLINE' and has_online_service)) as civil_servant_in_person__num,
        cast(null as bigint)                                           as civil_servant_in_person__den
    from facts
    group by year, month, unit_code, unit_current_code, procedure_code, sector_code
)

select * from final
