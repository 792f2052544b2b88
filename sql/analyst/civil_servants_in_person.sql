-- Task 46 of the Bình Định plan: dossiers that civil servants filed in person (not online) for
-- procedures that have an online service, by month and unit. The target is 0. Parameters: year.

with monthly as (
    select period as month, scope_code as unit_code, numerator as dossiers
    from kpi
    where period_type = 'M'
      and scope_type = 'unit'
      and year = getvariable('year')
      and kpi_code = 'civil_servant_in_person'
),

units as (
    select unit_code, any_value(unit_name) as unit_name from units group by unit_code
),

final as (
    select monthly.month, monthly.unit_code, units.unit_name, monthly.dossiers
    from monthly
    left join units on units.unit_code = monthly.unit_code
    where monthly.dossiers > 0
)

select * from final order by month, dossiers desc, unit_code
