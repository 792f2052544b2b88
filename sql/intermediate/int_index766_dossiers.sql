-- PLACEHOLDER (branch scoring): the counts part replaces this model with the real one (INDEX766-INTERFACE.md §2,
-- the columns the scoring part reads). No rows.
select cast(null as string) as period_type, cast(null as string) as period, cast(null as date) as period_start,
       cast(null as date) as period_end, cast(null as string) as dossier_id, cast(null as string) as unit_code,
       cast(null as string) as unit_current_code, cast(null as string) as procedure_code, cast(null as int) as status,
       cast(null as boolean) as is_open, cast(null as timestamp) as due_at, cast(null as timestamp) as end_at,
       cast(null as boolean) as is_late_766, cast(null as boolean) as late_766_undetermined
where false
