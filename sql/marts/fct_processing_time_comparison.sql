-- fct_processing_time_comparison: per year and procedure with at least 20 finished dossiers in each of
-- ONLINE and IN_PERSON, the exact median processing days (linear interpolation) of each channel and
-- reduction = 1 - online / in_person. Grain: year, procedure_code. Inputs: int_dossier_facts.

with finished as (
    select year, procedure_code, channel, processing_days
    from int_dossier_facts
    where is_finished
      and channel in ('ONLINE', 'IN_PERSON')
),

per_channel as (
    select
        year,
        procedure_code,
        count(case when channel = 'ONLINE' then 1 end) as finished_online,
        count(case when channel = 'IN_PERSON' then 1 end) as finished_in_person,
        percentile(case when channel = 'ONLINE' then processing_days end, 0.5) as median_days_online,
        percentile(case when channel = 'IN_PERSON' then processing_days end, 0.5) as median_days_in_person
    from finished
    group by year, procedure_code
),

final as (
    select
        year,
        procedure_code,
        finished_online,
        finished_in_person,
        median_days_online,
        median_days_in_person,
        case when median_days_in_person > 0 then 1 - median_days_online / median_days_in_person end as reduction
    from per_channel
    where finished_online >= 20
      and finished_in_person >= 20
)

select * from final
