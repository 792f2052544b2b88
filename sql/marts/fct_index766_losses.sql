-- Points lost per scope and indicator (the total row) and attributed to its children (units, procedures,
-- unit × procedure): LIN loss_u = M (d_u − n_u) / d (sums to the scope's loss); THR below the threshold
-- loss_u = M (t d_u − n_u) / (t d), signed (a child above the threshold offsets the others); at or above it
-- nothing is lost and headroom = n − t d. The threshold comparisons and ceil run in decimal (0.9 × 10 is 9).
with ind as (
    select indicator_code, rule, scopes, cast(max_points as decimal(6, 4)) as m, cast(threshold as decimal(6, 4)) as t
    from config_index766_indicators
    where rule in ('LIN', 'THR')
),
tot as (
    select c.period_type, c.period, c.scope_type, c.scope_code, c.indicator_code, i.rule, i.m, i.t,
           c.numerator, c.denominator,
           cast(c.numerator as decimal(18, 2)) as n, cast(c.denominator as decimal(18, 2)) as d,
           i.rule = 'LIN' or cast(c.numerator as decimal(18, 2)) < i.t * cast(c.denominator as decimal(18, 2)) as below
    from fct_index766_counts c
    join ind i on i.indicator_code = c.indicator_code
    where c.child_type = 'total' and c.denominator > 0 and array_contains(i.scopes, c.scope_type)
),
kids as (
    select t.period_type, t.period, t.scope_type, t.scope_code, t.indicator_code, k.child_type, k.child_unit_code,
           k.child_procedure_code, k.numerator, k.denominator,
           case when t.rule = 'LIN' then cast(t.m as double) * (k.denominator - k.numerator) / t.denominator
                when t.below then cast(t.m as double) * (cast(t.t as double) * k.denominator - k.numerator) / (cast(t.t as double) * t.denominator)
                else 0d end as loss,
           case when k.denominator > 0 then
               case when t.rule = 'LIN' then cast(t.m as double) * (k.denominator - k.numerator) / k.denominator
                    else cast(t.m as double) - least(cast(t.m as double), cast(t.m as double) * k.numerator / (cast(t.t as double) * k.denominator)) end
           end as own_loss,
           cast(null as bigint) as dossiers_to_threshold,
           case when t.rule = 'THR' and not t.below then cast(cast(k.numerator as decimal(18, 2)) - t.t * cast(k.denominator as decimal(18, 2)) as double) end as headroom,
           -- the children that partition the scope's dossiers: units of the province, procedures of a unit
           k.child_type = case when t.scope_type = 'province' then 'unit' else 'procedure' end as primary_child
    from tot t
    join fct_index766_counts k
        on k.period_type = t.period_type and k.period = t.period and k.scope_type = t.scope_type
        and k.scope_code = t.scope_code and k.indicator_code = t.indicator_code and k.child_type <> 'total'
),
offsets as (
    select period_type, period, scope_type, scope_code, indicator_code,
           -- in decimal: a sum of doubles depends on the order Spark adds them in (local mode and a cluster differ)
           cast(sum(cast(greatest(loss, 0d) as decimal(30, 15))) as double) as gross_loss,
           cast(sum(cast(least(loss, 0d) as decimal(30, 15))) as double) as offset_loss
    from kids
    where primary_child
    group by period_type, period, scope_type, scope_code, indicator_code
),
totals as (
    select t.period_type, t.period, t.scope_type, t.scope_code, t.indicator_code, 'total' as child_type,
           cast(null as string) as child_unit_code, cast(null as string) as child_procedure_code,
           t.numerator, t.denominator,
           case when t.rule = 'LIN' then cast(t.m as double) * (t.denominator - t.numerator) / t.denominator
                when t.below then cast(t.m as double) * (cast(t.t as double) * t.denominator - t.numerator) / (cast(t.t as double) * t.denominator)
                else 0d end as loss,
           cast(null as double) as own_loss,
           case when t.rule = 'THR' and t.below then cast(ceil(t.t * t.d - t.n) as bigint) end as dossiers_to_threshold,
           case when t.rule = 'THR' and not t.below then cast(t.n - t.t * t.d as double) end as headroom,
           o.gross_loss, o.offset_loss
    from tot t
    left join offsets o
        on o.period_type = t.period_type and o.period = t.period and o.scope_type = t.scope_type
        and o.scope_code = t.scope_code and o.indicator_code = t.indicator_code
)
select period_type, period, scope_type, scope_code, indicator_code, child_type, child_unit_code, child_procedure_code,
       numerator, denominator, loss, coalesce(own_loss, loss) as own_loss, dossiers_to_threshold, headroom,
       gross_loss, offset_loss, cast(substr(period, 1, 4) as int) as year
from totals
union all
select period_type, period, scope_type, scope_code, indicator_code, child_type, child_unit_code, child_procedure_code,
       numerator, denominator, loss, own_loss, dossiers_to_threshold, headroom,
       cast(null as double) as gross_loss, cast(null as double) as offset_loss, cast(substr(period, 1, 4) as int) as year
from kids
