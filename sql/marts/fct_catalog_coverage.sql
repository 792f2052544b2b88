-- fct_catalog_coverage: the catalogue against the year's dossiers (766, 3.2). Procedures valid on 31 Dec
-- (or on the as-of date for the current year) by service level; how many had dossiers; the share of
-- online services that received an online dossier; full_online_coverage = eligible procedures offered
-- TOAN_TRINH / eligible procedures. Grain: year. Parameters: :as_of. Inputs: int_dossier_facts, silver_procedures.

with facts as (
    select * from int_dossier_facts
),

procedures as (
    select * from silver_procedures
),

years as (
    select distinct year, least(make_date(year, 12, 31), :as_of) as as_of_date from facts
),

valid as (
    select years.year, years.as_of_date, procedures.*
    from years
    inner join procedures
        on procedures.valid_from <= years.as_of_date
        and (procedures.valid_to is null or procedures.valid_to >= years.as_of_date)
),

volume as (
    select year, procedure_code, count(*) as received, count(case when is_online then 1 end) as received_online
    from facts
    group by year, procedure_code
),

per_procedure as (
    select valid.*, coalesce(volume.received, 0) as received, coalesce(volume.received_online, 0) as received_online
    from valid
    left join volume
        on volume.year = valid.year
        and volume.procedure_code = valid.procedure_code
),

final as (
    select
        year,
        max(as_of_date) as as_of_date,
        count(distinct procedure_code) as procedures_valid,
        count(distinct case when service_level = 'TOAN_TRINH' then procedure_code end) as full_online,
        count(distinct case when service_level = 'MOT_PHAN' then procedure_code end) as partly_online,
        count(distinct case when service_level = 'KHONG' then procedure_code end) as not_online,
        count(distinct case when received >= 1 then procedure_code end) as with_dossiers,
        count(distinct case when received >= 1000 then procedure_code end) as with_1000_dossiers,
        count(distinct case when service_level in ('TOAN_TRINH', 'MOT_PHAN') then procedure_code end) as online_services,
        count(distinct case when service_level in ('TOAN_TRINH', 'MOT_PHAN') and received_online >= 1 then procedure_code end) as online_services_used,
        count(distinct case when eligible_full_online then procedure_code end) as eligible_full_online,
        count(distinct case when eligible_full_online and service_level = 'TOAN_TRINH' then procedure_code end) as eligible_offered_full_online
    from per_procedure
    group by year
)

select
    final.*,
    full_online / procedures_valid as full_online_share,
    partly_online / procedures_valid as partly_online_share,
    not_online / procedures_valid as not_online_share,
    online_services_used / online_services as online_services_used_share,
    eligible_offered_full_online / eligible_full_online as full_online_coverage
from final
