-- Open dossiers of a monthly cohort due within :at_risk_days calendar days of the as-of date (0 = due on it), not
-- already late, with the points each would cost if it became late: for every late_sensitive indicator of the
-- profile, LIN M / d, THR M / (t d) while the scope is below the threshold (else 0), at the province and the unit.
with ind as (
    select indicator_code, rule, cast(max_points as double) as m, threshold
    from config_index766_indicators
    where late_sensitive and rule in ('LIN', 'THR')
),
points as (
    select c.period, c.scope_type, c.scope_code,
           -- each term in decimal, so the sum does not depend on the order Spark adds them in
           cast(sum(cast(case when i.rule = 'LIN' then i.m / c.denominator
                    when cast(c.numerator as decimal(18, 2)) < i.threshold * cast(c.denominator as decimal(18, 2))
                        then i.m / (cast(i.threshold as double) * c.denominator)
                    else 0d end as decimal(30, 15))) as double) as points
    from fct_index766_counts c
    join ind i on i.indicator_code = c.indicator_code
    where c.period_type = 'M' and c.child_type = 'total' and c.denominator > 0
    group by c.period, c.scope_type, c.scope_code
),
due as (
    select dossier_id, unit_code, unit_current_code, procedure_code, period, to_date(due_at) as due_date,
           datediff(to_date(due_at), :as_of) as days_left
    from int_index766_dossiers
    where period_type = 'M' and is_open and not coalesce(is_late_766, false) and due_at is not null
      and datediff(to_date(due_at), :as_of) between 0 and :at_risk_days
)
select :as_of as as_of, d.dossier_id, d.unit_code, d.unit_current_code, d.procedure_code, d.period, d.due_date,
       cast(d.days_left as int) as days_left,
       coalesce(p.points, 0d) as points_province,
       coalesce(u.points, 0d) as points_unit,
       -- the cohort's year: the table is replaced year by year like the others (MartsJob recomputes every year
       -- with an open dossier due within at_risk_days of the old or the new as-of date, so no year keeps a stale list)
       cast(substr(d.period, 1, 4) as int) as year
from due d
left join points p on p.period = d.period and p.scope_type = 'province' and p.scope_code = :province_code
left join points u on u.period = d.period and u.scope_type = 'unit' and u.scope_code = d.unit_code
