-- DuckDB-only baseline (issue 7, part c): the province priority list and province yearly KPIs computed
-- straight from the landing files, without Spark, silver or gold. Follows METRICS.md and sql/marts:
-- latest snapshot per dossier (greatest ThoiDiemDongBo, then later export date, then later line), which
-- also removes re-exports; received = NgayTiepNhan set and status not in (1, 3); year of received_at
-- in Vietnam local time. No quarantine: the benchmark sample is generated with --bad-rate 0.
-- Parameter: ${landing} (the landing root). Statements end with ';' at the end of a line.

-- Timestamps: yyyyMMddHHmmss or ISO-8601; without an offset they are Vietnam local time (UTC+07:00).
create or replace macro vn_ts(x) as
    case
        when x is null then null
        when regexp_matches(x, '^\d{14}$') then strptime(x, '%Y%m%d%H%M%S')
        when regexp_matches(x, '(Z|[+-]\d{2}:?\d{2})$') then
            cast(replace(regexp_extract(x, '^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?)', 1), 'T', ' ') as timestamp)
            + interval 7 hour
            - (case when x[-1:] = 'Z' then 0
                    else (case when regexp_extract(x, '([+-])\d{2}:?\d{2}$', 1) = '-' then -1 else 1 end)
                         * (60 * cast(regexp_extract(x, '([+-])(\d{2}):?(\d{2})$', 2) as int)
                            + cast(regexp_extract(x, '([+-])(\d{2}):?(\d{2})$', 3) as int))
               end) * interval 1 minute
        else cast(replace(x, 'T', ' ') as timestamp)
    end;

create or replace table raw_dossiers as
select
    *,
    cast(regexp_extract(filename, 'date=(\d{4}-\d{2}-\d{2})', 1) as date) as export_date,
    row_number() over () as line_no
from read_json('${landing}/dossiers/date=*/*.jsonl*',
    format = 'newline_delimited', filename = true, ignore_errors = false,
    columns = {
        MaHoSo: 'VARCHAR', ThoiDiemDongBo: 'VARCHAR', MaTTHC: 'VARCHAR', DonViXuLy: 'VARCHAR',
        KenhThucHien: 'INTEGER', NoiNopHoSo: 'INTEGER', TrangThaiHoSo: 'INTEGER', NgayTiepNhan: 'VARCHAR',
        HoSoCoThanhPhanSoHoa: 'INTEGER', DuocThanhToanTrucTuyen: 'INTEGER',
        DanhSachLePhi: 'STRUCT(MaPhiLePhi VARCHAR, Gia DOUBLE, HinhThucThu VARCHAR)[]',
        TaiLieuNop: 'STRUCT(DuocSoHoa INTEGER, DuocTaiSuDung INTEGER, DuocLayTuKhoDMQG INTEGER)[]'
    });

-- one row per RECEIVED dossier from its latest snapshot
create or replace table base_facts as
with latest as (
    select *
    from raw_dossiers
    qualify row_number() over (
        partition by MaHoSo order by vn_ts(ThoiDiemDongBo) desc, export_date desc, line_no desc) = 1
)
select
    MaHoSo as dossier_id,
    MaTTHC as procedure_code,
    year(vn_ts(NgayTiepNhan)) as year,
    coalesce(KenhThucHien, 1) = 2 as is_online,
    NoiNopHoSo as submitted_from,
    coalesce(HoSoCoThanhPhanSoHoa = 1, false)
        or coalesce(list_bool_or(list_transform(TaiLieuNop, lambda t: t.DuocSoHoa = 1)), false) as is_digitized,
    coalesce(list_bool_or(list_transform(TaiLieuNop, lambda t: t.DuocTaiSuDung = 1 or t.DuocLayTuKhoDMQG = 1)), false) as is_reused,
    coalesce(list_sum(list_transform(DanhSachLePhi, lambda f: f.Gia)), 0) as fee_total,
    coalesce(DuocThanhToanTrucTuyen in (1, 2), false) as paid_online
from latest
where NgayTiepNhan is not null
  and TrangThaiHoSo not in (1, 3);

-- province yearly KPIs (the core subset computable from the dossier feed alone)
create or replace table base_kpi as
with sums as (
    select year,
        unnest([
            {k: 'received',            n: count(*),                                          d: null::bigint},
            {k: 'online_rate',         n: count(*) filter (where is_online),                 d: count(*)},
            {k: 'remote_rate',         n: count(*) filter (where is_online and submitted_from = 1), d: count(*) filter (where is_online)},
            {k: 'assisted_rate',       n: count(*) filter (where is_online and submitted_from = 3), d: count(*) filter (where is_online)},
            {k: 'online_payment_rate', n: count(*) filter (where fee_total > 0 and paid_online), d: count(*) filter (where fee_total > 0)},
            {k: 'digitization_rate',   n: count(*) filter (where is_digitized),              d: count(*)},
            {k: 'reuse_rate',          n: count(*) filter (where is_reused),                 d: count(*)}
        ]) as s
    from base_facts
    group by year
)
select
    cast(year as varchar) as period,
    s.k as kpi_code,
    s.n as numerator,
    s.d as denominator,
    case when s.d is null then s.n::double when s.d = 0 then null else s.n / s.d end as value
from sums;

-- the province priority list: received, rank, share, cum_share, in_pareto_80, online_rate
create or replace table base_priority as
with per_procedure as (
    select year, procedure_code, count(*) as received, count(*) filter (where is_online) as online
    from base_facts
    group by year, procedure_code
),
ranked as (
    select *,
        row_number() over (partition by year order by received desc, procedure_code asc) as rank,
        sum(received) over (partition by year) as scope_received,
        sum(received) over (partition by year order by received desc, procedure_code asc
                            rows between unbounded preceding and current row) as cum_received
    from per_procedure
)
select
    year,
    procedure_code,
    received,
    rank,
    received / scope_received as share,
    cum_received / scope_received as cum_share,
    5 * (cum_received - received) < 4 * scope_received as in_pareto_80,
    online / received as online_rate
from ranked;
