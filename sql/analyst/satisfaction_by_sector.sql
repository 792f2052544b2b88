-- Satisfaction by sector, with land, construction and investment (đất đai, xây dựng, đầu tư: the
-- Bình Định plan's 85% group) also shown together. Sums of numerators and denominators, so the group
-- is exact; fewer than 30 ratings are not shown (min_n). Parameters: year.

with sectors as (
    select
        scope_code as sector_code,
        numerator as satisfied,
        denominator as rated
    from kpi
    where period_type = 'Y'
      and period = cast(getvariable('year') as varchar)
      and scope_type = 'sector'
      and kpi_code = 'satisfaction_rate'
),

sector_names as (
    select sector_code, any_value(sector_name) as sector_name from procedures group by sector_code
),

per_sector as (
    select sectors.sector_code, sector_names.sector_name, satisfied, rated
    from sectors
    left join sector_names on sector_names.sector_code = sectors.sector_code
),

land_group as (
    select
        'DDAI+XAYDUNG+DAUTU' as sector_code,
        'Đất đai, xây dựng, đầu tư (nhóm)' as sector_name,
        sum(satisfied) as satisfied,
        sum(rated) as rated
    from per_sector
    where sector_code in ('DDAI', 'XAYDUNG', 'DAUTU')
),

final as (
    select
        *,
        case when rated >= 30 then round(satisfied / rated * 100, 1) end as satisfaction_pct,
        rated < 30 as too_few_ratings
    from (select * from per_sector union all select * from land_group)
    where rated > 0
)

select * from final order by sector_code = 'DDAI+XAYDUNG+DAUTU' desc, satisfaction_pct nulls last, sector_code
