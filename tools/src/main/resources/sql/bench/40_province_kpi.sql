-- 40_province_kpi: every KPI of the province by year (period_type Y, scope province), in the long format of
-- gold `kpi`: the numerators and denominators of sql/marts/int_kpi_inputs.sql summed per year, adoption
-- (distinct citizens), the feedback KPIs, time_reduction_median (fct_processing_time_comparison) and
-- full_online_coverage (fct_catalog_coverage), then the value rule of kpi_values.sql.

create or replace table bench_province_kpi as
with dossier_sums as (
    select
        year,
        count(*) as received,
        sum(cast(is_online as integer)) as online,
        sum(cast(is_online and is_online_service as integer)) as online_dvctt_n,
        sum(cast(is_online_service as integer)) as online_dvctt_d,
        sum(cast(is_online and is_full_online_service as integer)) as full_online_n,
        sum(cast(is_eligible_full_online as integer)) as full_online_d,
        sum(cast(is_online and submitted_from is not distinct from 'REMOTE' as integer)) as remote_n,
        sum(cast(is_online and submitted_from is not distinct from 'ASSISTED' as integer)) as assisted_n,
        sum(cast(is_online and has_paper_copy and is_paper_free_procedure as integer)) as paper_n,
        sum(cast(is_online and not has_paper_copy and is_paper_free_procedure as integer)) as electronic_n,
        sum(cast(is_online and is_paper_free_procedure as integer)) as paper_d,
        sum(cast(fee_total > 0 and paid_online as integer)) as payment_n,
        sum(cast(fee_total > 0 as integer)) as payment_d,
        sum(cast(is_digitized as integer)) as digitized,
        sum(cast(is_reused as integer)) as reused,
        sum(cast(is_finished and has_e_result and is_paper_result_procedure as integer)) as e_result_n,
        sum(cast(is_finished and is_paper_result_procedure as integer)) as e_result_d,
        sum(cast(not is_late as integer)) as on_time,
        sum(cast(is_online and is_late as integer)) as late_online,
        sum(cast(rating is not null and rating in (2, 3) as integer)) as satisfied,
        sum(cast(rating is not null as integer)) as rated,
        sum(cast(is_finished as integer)) as finished,
        sum(cast(not (is_late or rating is not distinct from 1 or has_feedback) as integer)) as satisfied_766,
        sum(cast(is_civil_servant and channel <> 'ONLINE' and has_online_service as integer)) as civil_servant_in_person
    from bench_facts
    group by year
),

dossier_kpis as (
    select year, k.kpi_code, k.numerator, k.denominator, cast(null as double) as precomputed_value
    from dossier_sums,
    unnest([
        {'kpi_code': 'received', 'numerator': received, 'denominator': null},
        {'kpi_code': 'online_rate', 'numerator': online, 'denominator': received},
        {'kpi_code': 'online_rate_dvctt', 'numerator': online_dvctt_n, 'denominator': online_dvctt_d},
        {'kpi_code': 'full_online_rate', 'numerator': full_online_n, 'denominator': full_online_d},
        {'kpi_code': 'full_online_share', 'numerator': full_online_n, 'denominator': received},
        {'kpi_code': 'remote_rate', 'numerator': remote_n, 'denominator': online},
        {'kpi_code': 'assisted_rate', 'numerator': assisted_n, 'denominator': online},
        {'kpi_code': 'paper_parallel_rate', 'numerator': paper_n, 'denominator': paper_d},
        {'kpi_code': 'fully_electronic_rate', 'numerator': electronic_n, 'denominator': paper_d},
        {'kpi_code': 'online_payment_rate', 'numerator': payment_n, 'denominator': payment_d},
        {'kpi_code': 'digitization_rate', 'numerator': digitized, 'denominator': received},
        {'kpi_code': 'reuse_rate', 'numerator': reused, 'denominator': received},
        {'kpi_code': 'e_result_rate', 'numerator': e_result_n, 'denominator': e_result_d},
        {'kpi_code': 'on_time_rate', 'numerator': on_time, 'denominator': received},
        {'kpi_code': 'late_online', 'numerator': late_online, 'denominator': null},
        {'kpi_code': 'satisfaction_rate', 'numerator': satisfied, 'denominator': rated},
        {'kpi_code': 'rating_coverage', 'numerator': rated, 'denominator': finished},
        {'kpi_code': 'dossier_satisfaction_766', 'numerator': satisfied_766, 'denominator': received},
        {'kpi_code': 'civil_servant_in_person', 'numerator': civil_servant_in_person, 'denominator': null}
    ]) as u(k)
),

feedback_kpis as (
    -- feedback counts feedback rows, by its own NgayTiepNhan; no deadline = on time
    select
        year,
        k.kpi_code,
        k.numerator,
        k.denominator,
        cast(null as double) as precomputed_value
    from (
        select
            year,
            count(*) as received,
            sum(cast(case
                when deadline_at is null then true
                when answered_at is not null then cast(answered_at as date) <= cast(deadline_at as date)
                else getvariable('as_of') <= cast(deadline_at as date)
            end as integer)) as on_time,
            sum(cast(is_published as integer)) as published
        from bench_feedback
        group by year
    ),
    unnest([
        {'kpi_code': 'feedback_on_time_rate', 'numerator': on_time, 'denominator': received},
        {'kpi_code': 'feedback_published_rate', 'numerator': published, 'denominator': received}
    ]) as u(k)
),

adoption as (
    -- distinct citizens with an online dossier / distinct citizens, in the year
    select
        year,
        'adoption_rate' as kpi_code,
        count(distinct case when is_online then applicant_key end) as numerator,
        count(distinct applicant_key) as denominator,
        cast(null as double) as precomputed_value
    from bench_facts
    where applicant_type = 'CITIZEN'
      and applicant_key is not null
    group by year
),

per_channel as (
    -- fct_processing_time_comparison: procedures with >= 20 finished dossiers online and in person
    select
        year,
        procedure_code,
        count(case when channel = 'ONLINE' then 1 end) as finished_online,
        count(case when channel = 'IN_PERSON' then 1 end) as finished_in_person,
        quantile_cont(case when channel = 'ONLINE' then processing_days end, 0.5) as median_days_online,
        quantile_cont(case when channel = 'IN_PERSON' then processing_days end, 0.5) as median_days_in_person
    from bench_facts
    where is_finished
      and channel in ('ONLINE', 'IN_PERSON')
    group by year, procedure_code
),

time_reduction as (
    select
        year,
        'time_reduction_median' as kpi_code,
        cast(null as bigint) as numerator,
        cast(null as bigint) as denominator,
        quantile_cont(reduction, 0.5) as precomputed_value
    from (
        select
            year,
            case when median_days_in_person > 0 then 1 - median_days_online / median_days_in_person end as reduction
        from per_channel
        where finished_online >= 20
          and finished_in_person >= 20
    )
    where reduction is not null
    group by year
),

coverage as (
    -- fct_catalog_coverage: eligible procedures offered full online / eligible procedures, valid on 31 Dec
    -- of the year (or on the as-of date for the current year)
    select
        years.year,
        'full_online_coverage' as kpi_code,
        count(distinct case when procedures.eligible_full_online and procedures.service_level = 'TOAN_TRINH'
                            then procedures.procedure_code end) as numerator,
        count(distinct case when procedures.eligible_full_online then procedures.procedure_code end) as denominator,
        cast(null as double) as precomputed_value
    from (
        select distinct year, least(make_date(year, 12, 31), getvariable('as_of')) as as_of_date
        from bench_facts
    ) as years
    inner join bench_procedures as procedures
        on procedures.valid_from <= years.as_of_date
        and (procedures.valid_to is null or procedures.valid_to >= years.as_of_date)
    group by years.year
),

sums as (
    select * from dossier_kpis
    union all by name
    select * from feedback_kpis
    union all by name
    select * from adoption
    union all by name
    select * from time_reduction
    union all by name
    select * from coverage
)

select
    cast(year as integer) as year,
    'Y' as period_type,
    cast(year as varchar) as period,
    'province' as scope_type,
    getvariable('province_code') as scope_code,
    kpi_code,
    cast(numerator as bigint) as numerator,
    cast(denominator as bigint) as denominator,
    bench_value(kpi_code, numerator, denominator, precomputed_value) as value,
    bench_suppressed(kpi_code, denominator) as suppressed
from sums;
