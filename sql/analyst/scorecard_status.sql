-- Scorecard status by plan and year: how many targets are met, not met, or cannot be judged yet (no
-- data, or too small a sample). Parameters: year (optional: all years when omitted).

with lines as (
    select * from plan_scorecard
    where getvariable('year') is null or year = getvariable('year')
),

final as (
    select
        plan,
        any_value(plan_title) as plan_title,
        year,
        count(*) as targets,
        count(*) filter (where met) as met,
        count(*) filter (where not met) as not_met,
        count(*) filter (where met is null) as not_judged
    from lines
    group by plan, year
)

select * from final order by plan, year
