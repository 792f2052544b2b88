-- fct_processing_time_comparison: per year and procedure with at least 20 finished dossiers in each of
-- ONLINE and IN_PERSON, the exact median processing days (linear interpolation) of each channel and
-- reduction = 1 - online / in_person. Grain: year, procedure_code. Inputs: int_dossier_facts,
-- int_processing_medians.

with finished as (
    select year, procedure_code, channel
    from int_dossier_facts
    where is_finished
      and channel in ('ONLINE', 'IN_PERSON')
),

per_channel as (
    select
        year,
        procedure_code,
        count(case when channel = 'ONLINE' then 1 end) as finished_online,
        count(case when channel = 'IN_PERSON' then 1 end) as finished_in_person
    from finished
    group by year, procedure_code
),

medians as (
    select
        year,
        procedure_code,
        max(case when channel = 'ONLINE' then median_days end) as median_days_online,
        max(case when channel = 'IN_PERSON' then median_days end) as median_days_in_person
    from int_processing_medians
    where scope_type = 'province'
      and channel in ('ONLINE', 'IN_PERSON')
    group by year, procedure_code
),

final as (
    select
        per_channel.year,
        per_channel.procedure_code,
        per_channel.finished_online,
        per_channel.finished_in_person,
        medians.median_days_online,
        medians.median_days_in_person,
        case when medians.median_days_in_person > 0 then 1 - medians.median_days_online / medians.median_days_in_person end as reduction
    from per_channel
    left join medians
        on medians.year <=> per_channel.year
        and medians.procedure_code <=> per_channel.procedure_code
    where finished_online >= 20
      and finished_in_person >= 20
)

select * from final
