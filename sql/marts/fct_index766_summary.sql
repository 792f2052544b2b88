-- The Decision 766 index per period and scope: group scores (Σ of the rounded indicator scores, in decimal),
-- the computable part, the whole index with its range, a note in Vietnamese and the rank among units of a level.
with rows as (
    select x.*, i.kind, cast(x.score as decimal(10, 2)) as s, cast(x.max_points as decimal(10, 2)) as m
    from fct_index766 x
    join config_index766_indicators i on i.indicator_code = x.indicator_code
),
scopes as (
    select period_type, period, scope_type, scope_code, year,
           bool_or(provisional) as provisional,
           sum(case when group_code = 'cong_khai' then coalesce(s, 0) else 0 end) as g_cong_khai,
           sum(case when group_code = 'tien_do' then coalesce(s, 0) else 0 end) as g_tien_do,
           sum(case when group_code = 'dvctt' then coalesce(s, 0) else 0 end) as g_dvctt,
           sum(case when group_code = 'thanh_toan' then coalesce(s, 0) else 0 end) as g_thanh_toan,
           sum(case when group_code = 'so_hoa' then coalesce(s, 0) else 0 end) as g_so_hoa,
           sum(case when group_code = 'hai_long' then coalesce(s, 0) else 0 end) as g_hai_long,
           -- computable: the data indicators (C, C+cat) whose figures are not stand-ins (PROXY) or absent
           sum(case when kind in ('C', 'C+cat') and confidence not in ('PROXY', 'MISSING') then coalesce(s, 0) else 0 end) as est_computable,
           sum(case when kind in ('C', 'C+cat') and confidence not in ('PROXY', 'MISSING') then m else 0 end) as max_computable,
           sum(coalesce(s, 0)) as est_index,
           sum(m) as max_all,
           sum(case when confidence = 'MISSING' then m else 0 end) as missing_points,
           array_sort(collect_list(case when confidence = 'MISSING' then indicator_code end)) as missing,
           array_sort(collect_list(case when confidence = 'PROXY' then indicator_code end)) as proxied,
           array_sort(collect_list(case when confidence = 'ASSUMED' then indicator_code end)) as assumed
    from rows
    group by period_type, period, scope_type, scope_code, year
),
units as (
    select unit_code, level
    from (select unit_code, level, row_number() over (partition by unit_code order by valid_from desc) as rn from silver_units)
    where rn = 1
),
leveled as (
    select s.*, case when s.scope_type <> 'province' then u.level end as unit_level
    from scopes s
    left join units u on u.unit_code = s.scope_code and s.scope_type <> 'province'
)
select period_type,
       period,
       scope_type,
       scope_code,
       cast(g_cong_khai as double) as score_cong_khai,
       cast(g_tien_do as double) as score_tien_do,
       cast(g_dvctt as double) as score_dvctt,
       cast(g_thanh_toan as double) as score_thanh_toan,
       cast(g_so_hoa as double) as score_so_hoa,
       cast(g_hai_long as double) as score_hai_long,
       cast(est_computable as double) as est_computable,
       cast(max_computable as double) as max_computable,
       cast(est_index as double) as est_index,
       cast(max_all - missing_points as double) as max_index,
       -- the missing (manual) items at 0 and at their maximum
       cast(est_index as double) as est_low,
       cast(est_index + missing_points as double) as est_high,
       unit_level,
       case when scope_type <> 'province'
            then cast(rank() over (partition by period_type, period, scope_type, unit_level order by est_index desc) as int) end as rank,
       case when scope_type <> 'province'
            then cast(count(*) over (partition by period_type, period, scope_type, unit_level) as int) end as rank_of,
       nullif(concat_ws('; ',
           case when size(missing) > 0 then concat('Thiếu số liệu nhập tay (catalog/qd766_manual.csv): ', array_join(missing, ', '),
                '; chỉ số tính trên tối đa ', regexp_replace(cast(cast(max_all - missing_points as decimal(8, 2)) as string), '\\.?0+$', ''), ' điểm') end,
           case when size(proxied) > 0 then concat('Ước tính gần đúng (thiếu danh mục TTHC của đơn vị hoặc cột ChoCongDan): ', array_join(proxied, ', ')) end,
           case when size(assumed) > 0 then concat('Giả định theo Cổng DVC quốc gia: ', array_join(assumed, ', ')) end), '') as note,
       provisional,
       year
from leveled
