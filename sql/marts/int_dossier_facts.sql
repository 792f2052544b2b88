-- int_dossier_facts: one row per RECEIVED dossier with the derived facts of METRICS.md.
-- Grain: dossier_id. Parameters: :as_of (date) — the run date, the end of still-open dossiers.
-- Inputs (views): silver_dossiers, silver_procedures, silver_units, silver_civil_servants.

with dossiers as (
    select * from silver_dossiers
),

procedures as (
    select * from silver_procedures
),

units as (
    select distinct unit_code, current_unit_code from silver_units
),

civil_servants as (
    select distinct applicant_key from silver_civil_servants
),

received as (
    -- received: received_at is not null and status not in (1, 3)
    select *
    from dossiers
    where received_at is not null
      and status not in (1, 3)
),

catalog_on_receipt as (
    -- the catalogue row valid on the dossier's received date (the latest start if rows overlap)
    select
        received.dossier_id,
        procedures.sector_code as catalog_sector_code,
        procedures.service_level,
        procedures.eligible_full_online,
        procedures.requires_paper,
        procedures.paper_result,
        row_number() over (partition by received.dossier_id order by procedures.valid_from desc) as catalog_rank
    from received
    inner join procedures
        on procedures.procedure_code = received.procedure_code
        and received.received_date >= procedures.valid_from
        and (procedures.valid_to is null or received.received_date <= procedures.valid_to)
),

joined as (
    select
        received.*,
        catalog_on_receipt.catalog_sector_code,
        catalog_on_receipt.service_level,
        catalog_on_receipt.eligible_full_online,
        catalog_on_receipt.requires_paper,
        catalog_on_receipt.paper_result,
        units.current_unit_code,
        civil_servants.applicant_key is not null as is_civil_servant,
        case when received.status in (7, 8, 9, 10) then to_date(received.finished_at) else :as_of end as end_date
    from received
    left join catalog_on_receipt
        on catalog_on_receipt.dossier_id = received.dossier_id
        and catalog_on_receipt.catalog_rank = 1
    left join units
        on units.unit_code = received.unit_code
    left join civil_servants
        on civil_servants.applicant_key = received.applicant_key
),

final as (
    select
        dossier_id,
        year,
        month,
        received_date,
        procedure_code,
        coalesce(catalog_sector_code, sector_code) as sector_code,
        unit_code,
        coalesce(current_unit_code, unit_code) as unit_current_code,
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
        end_date,
        -- late (766): a second supplement request, or ended after the due date; no due date = on time
        supplement_count > 1
            or coalesce(due_at is not null and end_date > to_date(due_at), false) as is_late,
        case when status in (9, 10)
            then (unix_micros(finished_at) - unix_micros(received_at)) / 86400000000.0
        end as processing_days
    from joined
)

select * from final
