-- The procedures that together carry 80% of the province's dossiers but are not yet full-process
-- online: where an upgrade (or re-engineering) reaches the most citizens. Parameters: year.

with priority as (
    select * from procedure_priority
    where scope_type = 'province'
      and year = getvariable('year')
),

final as (
    select
        rank,
        procedure_code,
        procedure_name,
        received,
        round(cum_share * 100, 1) as cum_share_pct,
        service_level,
        eligible_full_online,
        upgrade_candidate,
        round(online_rate * 100, 1) as online_pct
    from priority
    where in_pareto_80
      and coalesce(service_level, 'KHONG') <> 'TOAN_TRINH'
)

select * from final order by rank
