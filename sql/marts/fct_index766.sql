-- The Decision 766 index per period, scope and indicator (docs/index766.md "Scoring, summary and attribution").
-- Every weight, threshold, rule and empty rule comes from the profile (config_index766_indicators); the
-- arithmetic is decimal so that rounding to 2 decimals is half-up on the exact value (17.675 -> 17.68).
with scopes as (
    select distinct period_type, period, period_end, scope_type, scope_code
    from fct_index766_counts
    where child_type = 'total'
),
totals as (
    select period_type, period, scope_type, scope_code, indicator_code, numerator, denominator, proxy
    from fct_index766_counts
    where child_type = 'total'
),
-- a manual value counts when it gives a score or a numerator over a denominator > 0
manual as (
    select period_type, period, scope_type, scope_code, indicator_code, numerator, denominator, score
    from silver_qd766_manual
    where score is not null or denominator > 0
),
grid as (
    select s.period_type, s.period, s.period_end, s.scope_type, s.scope_code,
           i.group_code, i.indicator_code, i.rule, i.empty_rule, i.assumed, i.confidence as profile_confidence,
           array_contains(i.scopes, s.scope_type) as in_scope,
           cast(i.max_points as decimal(6, 4)) as m, cast(i.threshold as decimal(6, 4)) as t
    from scopes s
    cross join config_index766_indicators i
),
joined as (
    select g.*,
           t.numerator as c_num, t.denominator as c_den, coalesce(t.proxy, false) as proxy,
           greatest(coalesce(k.numerator, 0), coalesce(k.denominator, 0)) as cohort,
           -- the scope's own manual row, else the province's (it applies to every unit without its own)
           coalesce(mo.score, case when mo.indicator_code is null then mp.score end) as m_score,
           case when mo.indicator_code is not null then mo.numerator else mp.numerator end as m_num,
           case when mo.indicator_code is not null then mo.denominator else mp.denominator end as m_den,
           (mo.indicator_code is not null or mp.indicator_code is not null) as has_manual
    from grid g
    left join totals t
        on t.period_type = g.period_type and t.period = g.period and t.scope_type = g.scope_type
        and t.scope_code = g.scope_code and t.indicator_code = g.indicator_code
    left join totals k
        on k.period_type = g.period_type and k.period = g.period and k.scope_type = g.scope_type
        and k.scope_code = g.scope_code and k.indicator_code = 'cohort'
    left join manual mo
        on mo.period_type = g.period_type and mo.period = g.period and mo.scope_type = g.scope_type
        and mo.scope_code = g.scope_code and mo.indicator_code = g.indicator_code
    left join manual mp
        on mp.period_type = g.period_type and mp.period = g.period and mp.scope_type = 'province'
        and mp.scope_code = :province_code and mp.indicator_code = g.indicator_code
),
valued as (
    select j.*,
           case when j.rule in ('MANUAL', 'ASSUMED') and j.has_manual then j.m_num else j.c_num end as num,
           case when j.rule in ('MANUAL', 'ASSUMED') and j.has_manual then j.m_den else j.c_den end as den,
           -- the empty rule's score: zero = 0, null = no score, full = the maximum
           case j.empty_rule when 'zero' then cast(0 as decimal(6, 4)) when 'full' then j.m end as empty_score,
           cast(j.c_num as decimal(18, 2)) as n, cast(j.c_den as decimal(18, 2)) as d
    from joined j
),
scored as (
    select v.*,
           case
               when not v.in_scope then cast(0 as decimal(6, 4))
               when v.rule = 'DISPLAY' then null
               when v.rule in ('MANUAL', 'ASSUMED') and v.has_manual then
                   coalesce(round(cast(v.m_score as decimal(18, 6)), 2),
                            round(v.m * cast(v.m_num as decimal(18, 2)) / cast(v.m_den as decimal(18, 2)), 2))
               when v.rule = 'MANUAL' then null
               when v.rule = 'ASSUMED' then case when v.assumed = 'always' or v.cohort >= 1 then v.m else v.empty_score end
               when v.d is null or v.d = 0 then v.empty_score
               when v.rule = 'LIN' then round(v.m * v.n / v.d, 2)
               when v.rule = 'THR' then round(least(v.m, v.m * v.n / (v.t * v.d)), 2)
           end as score_dec,
           case
               when v.rule = 'MANUAL' then case when v.has_manual then 'MANUAL' else 'MISSING' end
               when v.rule = 'ASSUMED' and v.has_manual then 'MANUAL'
               when v.proxy then 'PROXY'
               else v.profile_confidence
           end as confidence
    from valued v
)
select period_type,
       period,
       scope_type,
       scope_code,
       group_code,
       indicator_code,
       cast(m as double) as max_points,
       case when in_scope then cast(num as double) end as numerator,
       case when in_scope then cast(den as double) end as denominator,
       case when in_scope and den > 0 then cast(num as double) / cast(den as double) end as ratio,
       cast(score_dec as double) as score,
       confidence,
       -- open while the as-of date has not passed the period's last day
       :as_of <= period_end as provisional,
       cast(substr(period, 1, 4) as int) as year
from scored
