-- PLACEHOLDER (branch scoring): the counts part replaces this model with the real one. It has the columns of
-- INDEX766-INTERFACE.md §2 and no rows, so the scoring models compile in the graph before the merge.
select cast(null as string) as period_type, cast(null as string) as period, cast(null as date) as period_end,
       cast(null as string) as scope_type, cast(null as string) as scope_code, cast(null as string) as child_type,
       cast(null as string) as child_unit_code, cast(null as string) as child_procedure_code,
       cast(null as string) as indicator_code, cast(null as double) as numerator, cast(null as double) as denominator,
       cast(null as boolean) as proxy
where false
