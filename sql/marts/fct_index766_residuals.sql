-- Estimate − portal per period, scope and indicator for every figure the portal published (qd766_portal);
-- no rows when the file is absent. In decimal, so a residual of 0.01 is 0.01.
select p.period_type, p.period, p.scope_type, p.scope_code, i.group_code, p.indicator_code,
       e.score as est_score,
       p.score as portal_score,
       cast(cast(e.score as decimal(12, 4)) - cast(p.score as decimal(12, 4)) as double) as residual,
       cast(substr(p.period, 1, 4) as int) as year
from silver_qd766_portal p
left join config_index766_indicators i on i.indicator_code = p.indicator_code
left join fct_index766 e
    on e.period_type = p.period_type and e.period = p.period and e.scope_type = p.scope_type
    and e.scope_code = p.scope_code and e.indicator_code = p.indicator_code
