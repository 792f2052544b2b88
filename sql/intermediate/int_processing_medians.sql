-- int_processing_medians: the exact median processing days of finished dossiers, per year, procedure
-- and group: all the procedure's dossiers in the province, in its unit as it was and as it is (channel
-- 'ALL'), and the province's ONLINE and IN_PERSON dossiers apart (channel 'ONLINE' / 'IN_PERSON').
-- The median is that of percentile(x, 0.5) and DuckDB's quantile_cont(x, 0.5): with the n values
-- sorted, the middle one when n is odd, else 0.5 * lower + 0.5 * higher of the two middle ones, in
-- double (Spark's own interpolation, bit for bit; equal middle values give that value). Dossiers with
-- no processing time are left out, as those functions skip nulls.
-- Each group's values are collected and sorted once: percentile's hash map of value counts per group
-- cost about twice as much task time in a 1 M nightly (a window with row_number cost as much as it).
-- Grain: year, scope_type, scope_code, channel, procedure_code. Inputs: int_dossier_facts.
-- Parameters: :province_code.

with finished as (
    select year, procedure_code, unit_code, unit_current_code, channel, cast(processing_days as double) as days
    from int_dossier_facts
    where is_finished
      and processing_days is not null
),

grouped as (
    select finished.year, groups.scope_type, groups.scope_code, groups.channel, finished.procedure_code, finished.days
    from finished
    lateral view stack(4,
        'province', :province_code, 'ALL',
        'unit', unit_code, 'ALL',
        'unit_current', unit_current_code, 'ALL',
        'province', :province_code, case when channel in ('ONLINE', 'IN_PERSON') then channel end
    ) groups as scope_type, scope_code, channel
    where groups.channel is not null
),

sorted as (
    -- no nulls here, so the array is the n values in ascending order
    select year, scope_type, scope_code, channel, procedure_code, array_sort(collect_list(days)) as v
    from grouped
    group by year, scope_type, scope_code, channel, procedure_code
),

final as (
    select
        year, scope_type, scope_code, channel, procedure_code,
        -- v[i] is 0-based: the middle is v[(n - 1) / 2] for odd n, v[n / 2 - 1] and v[n / 2] for even n
        case when size(v) % 2 = 1 then v[(size(v) - 1) div 2]
             when v[size(v) div 2 - 1] = v[size(v) div 2] then v[size(v) div 2]
             else 0.5D * v[size(v) div 2 - 1] + 0.5D * v[size(v) div 2]
        end as median_days
    from sorted
)

select * from final
