-- 30_facts: one row per RECEIVED dossier with the derived facts of METRICS.md, as sql/marts/int_dossier_facts.sql
-- (province scope only: no unit mapping). received: received_at not null and status not in (1, 3); a
-- dossier belongs to the year of its received_at; procedure attributes from the catalogue row valid on
-- the received date (the latest start if rows overlap).

create or replace table bench_facts as
with received as (
    select *
    from bench_dossiers
    where received_at is not null
      and status not in (1, 3)
),

catalog_on_receipt as (
    select
        received.dossier_id,
        procedures.service_level,
        procedures.eligible_full_online,
        procedures.requires_paper,
        procedures.paper_result
    from received
    inner join bench_procedures as procedures
        on procedures.procedure_code = received.procedure_code
        and received.received_date >= procedures.valid_from
        and (procedures.valid_to is null or received.received_date <= procedures.valid_to)
    qualify row_number() over (partition by received.dossier_id order by procedures.valid_from desc) = 1
),

joined as (
    select
        received.*,
        catalog_on_receipt.service_level,
        catalog_on_receipt.eligible_full_online,
        catalog_on_receipt.requires_paper,
        catalog_on_receipt.paper_result,
        civil_servants.applicant_key is not null as is_civil_servant,
        case when received.status in (7, 8, 9, 10) then cast(received.finished_at as date)
             else getvariable('as_of') end as end_date
    from received
    left join catalog_on_receipt
        on catalog_on_receipt.dossier_id = received.dossier_id
    left join bench_civil_servants as civil_servants
        on civil_servants.applicant_key = received.applicant_key
)

select
    dossier_id,
    year,
    month,
    procedure_code,
    channel,
    submitted_from,
    applicant_type,
    applicant_key,
    status,
    service_level,
    channel = 'ONLINE' as is_online,
    status in (9, 10) as is_finished,
    coalesce(service_level in ('TOAN_TRINH', 'MOT_PHAN'), false) as is_online_service,
    coalesce(service_level = 'TOAN_TRINH', false) as is_full_online_service,
    coalesce(service_level <> 'KHONG', false) as has_online_service,
    coalesce(eligible_full_online, false) as is_eligible_full_online,
    coalesce(not requires_paper, false) as is_paper_free_procedure,
    coalesce(paper_result, false) as is_paper_result_procedure,
    paper_received_at is not null as has_paper_copy,
    fee_total,
    paid_online,
    is_digitized,
    is_reused,
    has_e_result,
    rating,
    has_feedback,
    is_civil_servant,
    -- late (766): a second supplement request, or ended after the due date; no due date = on time
    supplement_count > 1 or coalesce(due_at is not null and end_date > cast(due_at as date), false) as is_late,
    case when status in (9, 10) then (epoch_us(finished_at) - epoch_us(received_at)) / 86400000000.0 end as processing_days
from joined;
