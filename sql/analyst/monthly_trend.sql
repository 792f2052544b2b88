-- The province's monthly trend of the online, remote-filing and parallel-paper rates. Parameters: year.

with monthly as (
    select period, kpi_code, value
    from kpi
    where period_type = 'M'
      and scope_type = 'province'
      and year = getvariable('year')
      and kpi_code in ('received', 'online_rate', 'remote_rate', 'paper_parallel_rate')
),

final as (
    select
        period as month,
        max(case when kpi_code = 'received' then value end)::BIGINT as received,
        round(max(case when kpi_code = 'online_rate' then value end) * 100, 1) as online_pct,
        round(max(case when kpi_code = 'remote_rate' then value end) * 100, 1) as remote_pct,
        round(max(case when kpi_code = 'paper_parallel_rate' then value end) * 100, 1) as paper_parallel_pct
    from monthly
    group by period
)

select * from final order by month
