-- 20_silver: the silver rules of METRICS.md and the ingest (vn.hoso.ingest.SilverMerge), for valid records.
-- - an exact re-export (the same bytes for the same key, exported earlier) is counted apart; it never
--   changes a figure, because the latest-snapshot choice below is the same whichever copy it picks
-- - a dossier's current row is its snapshot with the greatest ThoiDiemDongBo, then the later export date,
--   file and line; its rating is the latest (ThoiDiemDanhGia, then export date, file, line)
-- - feedback: one row per MaPAKN, the latest export (export date, file, line) wins; has_feedback = a
--   current feedback row names the dossier
-- - the run date (as-of date of open dossiers and unanswered feedback) is the last export date of the
--   landing zone, as for `hoso run --full`

create or replace table bench_feedback as
select *, cast(received_at as date) as received_date, year(received_at) as year, month(received_at) as month
from bench_feedback_exports
where is_valid
qualify row_number() over (partition by feedback_id order by export_date desc, export_file desc, export_line desc) = 1;

create or replace table bench_dossiers as
with latest as (
    select *
    from bench_snapshots
    where is_valid
    qualify row_number() over (
        partition by dossier_id
        order by synced_at desc, export_date desc, export_file desc, export_line desc
    ) = 1
),

rating as (
    select dossier_id, rating
    from bench_ratings
    where is_valid
    qualify row_number() over (
        partition by dossier_id
        order by rated_at desc, export_date desc, export_file desc, export_line desc
    ) = 1
),

with_feedback as (
    select distinct dossier_id
    from bench_feedback
    where dossier_id is not null
)

select
    latest.* exclude (is_valid, line_hash),
    rating.rating,
    with_feedback.dossier_id is not null as has_feedback,
    cast(latest.received_at as date) as received_date,
    year(latest.received_at) as year,
    month(latest.received_at) as month
from latest
left join rating
    on rating.dossier_id = latest.dossier_id
left join with_feedback
    on with_feedback.dossier_id = latest.dossier_id;

-- the run's counts, as the pipeline reports them: records read = accepted + quarantined + re-exports
create or replace table bench_counts as
with flagged as (
    select 'dossiers' as feed, is_valid,
        is_valid and row_number() over (partition by is_valid, dossier_id, line_hash
                                        order by export_date, export_file, export_line) > 1 as is_re_export
    from bench_snapshots
    union all
    select 'ratings', is_valid,
        is_valid and row_number() over (partition by is_valid, dossier_id, line_hash
                                        order by export_date, export_file, export_line) > 1
    from bench_ratings
    union all
    select 'feedback', is_valid,
        is_valid and row_number() over (partition by is_valid, feedback_id, line_hash
                                        order by export_date, export_file, export_line) > 1
    from bench_feedback_exports
)
select
    feed,
    count(*) as records_read,
    count(*) filter (where is_valid and not is_re_export) as accepted,
    count(*) filter (where not is_valid) as quarantined,
    count(*) filter (where is_re_export) as re_exports
from flagged
group by feed;

set variable as_of = (
    select max(export_date)
    from (
        select export_date from bench_snapshots
        union all
        select export_date from bench_ratings
        union all
        select export_date from bench_feedback_exports
    )
);

-- the province's scope code: the one current TINH unit, else ALL (as vn.hoso.marts.MartsJob)
set variable province_code = (
    select case when count(distinct unit_code) = 1 then min(unit_code) else 'ALL' end
    from bench_units
    where level = 'TINH' and valid_to is null
);
