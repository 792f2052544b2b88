-- int_dossier_facts: one row per RECEIVED dossier with the derived facts of METRICS.md.
-- Grain: dossier_id. Parameters: :not_received_statuses, :ended_statuses, :finished_statuses (sql/constants.yml), :as_of (date) — the warehouse's as-of date (the latest export date loaded), the end of still-open dossiers.
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
    -- received: received_at is not null and status not in not_received_statuses (sql/constants.yml)
    select *
    from dossiers
    where received_at is not null
      and not array_contains(:not_received_statuses, status)
),

catalog_bounds as (
    -- the days on which the catalogue row valid for a procedure can change
    select procedure_code, valid_from as segment_from from procedures
    union
    select procedure_code, date_add(valid_to, 1) as segment_from from procedures where valid_to is not null
),

catalog_segments as (
    -- between two such days the same catalogue rows are valid: [segment_from, segment_to)
    select
        procedure_code,
        segment_from,
        lead(segment_from) over (partition by procedure_code order by segment_from) as segment_to
    from catalog_bounds
),

catalog_by_segment as (
    -- the catalogue row valid in each segment (the latest start if rows overlap; a gap has no row)
    select
        catalog_segments.procedure_code,
        catalog_segments.segment_from,
        catalog_segments.segment_to,
        procedures.sector_code as catalog_sector_code,
        procedures.service_level,
        procedures.eligible_full_online,
        procedures.requires_paper,
        procedures.paper_result,
        procedures.deadline_days,
        procedures.has_fee,
        procedures.for_citizens,
        row_number() over (
            partition by catalog_segments.procedure_code, catalog_segments.segment_from
            order by procedures.valid_from desc, procedures.valid_to desc nulls first
        ) as catalog_rank
    from catalog_segments
    inner join procedures
        on procedures.procedure_code = catalog_segments.procedure_code
        and catalog_segments.segment_from >= procedures.valid_from
        and (procedures.valid_to is null or catalog_segments.segment_from <= procedures.valid_to)
),

catalog_on_receipt as (
    -- small: joined to every dossier by broadcast, so the dossiers are never shuffled
    select * from catalog_by_segment where catalog_rank = 1
),

joined as (
    select /*+ BROADCAST(catalog_on_receipt, units, civil_servants) */
        received.*,
        catalog_on_receipt.catalog_sector_code,
        catalog_on_receipt.service_level,
        catalog_on_receipt.eligible_full_online,
        catalog_on_receipt.requires_paper,
        catalog_on_receipt.paper_result,
        catalog_on_receipt.deadline_days,
        catalog_on_receipt.has_fee,
        catalog_on_receipt.for_citizens,
        units.current_unit_code,
        civil_servants.applicant_key is not null as is_civil_servant,
        case when array_contains(:ended_statuses, received.status) then to_date(received.finished_at) else :as_of end as end_date
    from received
    left join catalog_on_receipt
        on catalog_on_receipt.procedure_code = received.procedure_code
        and received.received_date >= catalog_on_receipt.segment_from
        and (catalog_on_receipt.segment_to is null or received.received_date < catalog_on_receipt.segment_to)
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
        array_contains(:finished_statuses, status) as is_finished,
        coalesce(service_level in ('TOAN_TRINH', 'MOT_PHAN'), false) as is_online_service,
        coalesce(service_level = 'TOAN_TRINH', false) as is_full_online_service,
        coalesce(service_level <> 'KHONG', false) as has_online_service,
        coalesce(eligible_full_online, false) as eligible_full_online,
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
        case when array_contains(:finished_statuses, status)
            then (unix_micros(finished_at) - unix_micros(received_at)) / 86400000000.0
        end as processing_days,
        -- passed through for the Decision 766 index (int_index766_dossiers): its own on-time rule and flags
        received_at,
        due_at,
        finished_at,
        deadline_days,
        coalesce(has_fee, false) as has_fee,
        for_citizens,
        is_vneid,
        has_documents,
        from_personal_store,
        fee_list_all_zero,
        supplement_count,
        last_supplement_requested_at,
        last_supplement_answered_at,
        supplement_seconds
    from joined
)

select * from final
