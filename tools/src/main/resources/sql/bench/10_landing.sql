-- 10_landing: every record of the landing zone, typed, with its lineage and whether the contract accepts it.
-- Files are read as text and split into lines, so each record keeps its export date (the date= folder),
-- file, 1-based line number and a hash of its exact bytes: what the pipeline orders ties and finds exact
-- re-exports by. Folders and files whose names start with `_` or `.` are not data. Uncompressed files
-- only (`hoso bench` generates .jsonl and .csv).
--
-- Not reproduced here: malformed JSON and invalid UTF-8 (the bench sample is generated with bad-rate 0;
-- a line that is not JSON would stop this baseline, where the pipeline quarantines it). The field rules
-- that decide whether a well-formed record is valid are applied: required fields, types, enums, the
-- MaTTHC pattern, parseable timestamps, NgayKetThucXuLy not before NgayTiepNhan, and no event time more
-- than a day after the export day.

-- dossier snapshots (dossiers/date=*/*.jsonl): one row per non-blank line
create or replace table bench_snapshots as
with files as (
    select
        regexp_extract(filename, '[^/]+$') as export_file,
        cast(regexp_extract(filename, '/date=([0-9]{4}-[0-9]{2}-[0-9]{2})/[^/]+$', 1) as date) as export_date,
        string_split(content, chr(10)) as lines
    -- run once per export month (Baseline.java sets dossier_folders to date=YYYY-MM-*, creating the table
    -- with the first month and inserting the others): read whole, DuckDB held more than its memory_limit
    -- outside its buffer pool and was killed at 24 GiB on a 5 M-dossier landing
    from read_text(getvariable('landing') || '/dossiers/' || getvariable('dossier_folders') || '/*.jsonl')
    where regexp_matches(filename, '/dossiers/date=[0-9]{4}-[0-9]{2}-[0-9]{2}/[^/_.][^/]*[.]jsonl$')
),

numbered as (
    select
        export_date,
        export_file,
        unnest(lines) as raw,
        unnest(generate_series(1, len(lines))) as export_line
    from files
),

records as (
    select
        export_date,
        export_file,
        export_line,
        -- CR and a byte-order mark are rare: test for them cheaply before trimming
        case
            when export_line = 1 and starts_with(raw, chr(65279)) then ltrim(rtrim(raw, chr(13)), chr(65279))
            when ends_with(raw, chr(13)) then rtrim(raw, chr(13))
            else raw
        end as line
    from numbered
),

parsed as (
    select
        export_date,
        export_file,
        export_line,
        hash(line) as line_hash,
        json_transform(line, '{
            "MaHoSo": "VARCHAR", "ThoiDiemDongBo": "VARCHAR", "MaTTHC": "VARCHAR", "MaLinhVuc": "VARCHAR",
            "DonViXuLy": "VARCHAR", "KenhThucHien": "BIGINT", "NoiNopHoSo": "BIGINT", "LoaiDoiTuong": "BIGINT",
            "SoGiayToChuHoSo": "VARCHAR", "TrangThaiHoSo": "BIGINT",
            "NgayNopHoSo": "VARCHAR", "NgayTiepNhan": "VARCHAR", "NgayHenTra": "VARCHAR", "NgayKetThucXuLy": "VARCHAR",
            "NgayTra": "VARCHAR", "NgayTuChoi": "VARCHAR", "NgayNhanHoSoGiay": "VARCHAR",
            "HoSoCoThanhPhanSoHoa": "VARCHAR", "TaiKhoanDuocXacThucVoiVNeID": "VARCHAR", "DuocThanhToanTrucTuyen": "BIGINT",
            "DanhSachLePhi": [{"Gia": "VARCHAR"}],
            "TaiLieuNop": [{"DuocSoHoa": "VARCHAR", "DuocTaiSuDung": "VARCHAR", "DuocLayTuKhoDMQG": "VARCHAR"}],
            "DanhSachHoSoBoSung": ["JSON"],
            "DanhSachGiayToKetQua": [{"DuongDanTepTinKetQua": "VARCHAR"}]
        }') as j
    from records
    where not regexp_full_match(line, '[ \t]*')
),

typed as (
    select
        export_date,
        export_file,
        export_line,
        line_hash,
        bench_text(j.MaHoSo) as dossier_id,
        j.ThoiDiemDongBo as synced_raw,
        bench_ts(j.ThoiDiemDongBo) as synced_at,
        bench_text(j.MaTTHC) as procedure_code,
        bench_text(j.MaLinhVuc) as sector_code,
        bench_text(j.DonViXuLy) as unit_code,
        j.KenhThucHien as channel_code,
        j.NoiNopHoSo as place_code,
        j.LoaiDoiTuong as applicant_type_code,
        bench_person(j.SoGiayToChuHoSo) as applicant_key,
        j.TrangThaiHoSo as status,
        j.NgayNopHoSo as submitted_raw,
        bench_ts(j.NgayNopHoSo) as submitted_at,
        j.NgayTiepNhan as received_raw,
        bench_ts(j.NgayTiepNhan) as received_at,
        j.NgayHenTra as due_raw,
        bench_ts(j.NgayHenTra) as due_at,
        j.NgayKetThucXuLy as finished_raw,
        bench_ts(j.NgayKetThucXuLy) as finished_at,
        j.NgayTra as returned_raw,
        bench_ts(j.NgayTra) as returned_at,
        j.NgayTuChoi as refused_raw,
        bench_ts(j.NgayTuChoi) as refused_at,
        j.NgayNhanHoSoGiay as paper_raw,
        bench_ts(j.NgayNhanHoSoGiay) as paper_received_at,
        j.HoSoCoThanhPhanSoHoa as digitized_raw,
        j.TaiKhoanDuocXacThucVoiVNeID as vneid_raw,
        j.DuocThanhToanTrucTuyen as payment_code,
        bench_one(j.HoSoCoThanhPhanSoHoa)
            or coalesce(list_bool_or(list_transform(j.TaiLieuNop, lambda d: bench_one(d.DuocSoHoa))), false) as is_digitized,
        coalesce(list_bool_or(list_transform(j.TaiLieuNop,
            lambda d: bench_one(d.DuocTaiSuDung) or bench_one(d.DuocLayTuKhoDMQG))), false) as is_reused,
        coalesce(j.DuocThanhToanTrucTuyen in (1, 2), false) as paid_online,
        coalesce(list_sum(list_transform(j.DanhSachLePhi, lambda f: coalesce(try_cast(trim(f.Gia) as double), 0.0))), 0.0) as fee_total,
        coalesce(list_bool_or(list_transform(j.DanhSachGiayToKetQua, lambda r: bench_text(r.DuongDanTepTinKetQua) is not null)), false) as has_e_result,
        coalesce(len(j.DanhSachHoSoBoSung), 0) as supplement_count
    from parsed
)

select
    export_date,
    export_file,
    export_line,
    line_hash,
    dossier_id,
    synced_at,
    procedure_code,
    sector_code,
    unit_code,
    case channel_code when 2 then 'ONLINE' when 3 then 'POSTAL' else 'IN_PERSON' end as channel,
    case place_code when 1 then 'REMOTE' when 2 then 'DESK' when 3 then 'ASSISTED' end as submitted_from,
    case applicant_type_code when 1 then 'CITIZEN' when 2 then 'BUSINESS' end as applicant_type,
    applicant_key,
    cast(status as integer) as status,
    submitted_at,
    received_at,
    due_at,
    finished_at,
    paper_received_at,
    is_digitized,
    is_reused,
    paid_online,
    fee_total,
    has_e_result,
    cast(supplement_count as integer) as supplement_count,
    -- the contract's rules for a well-formed line (schemas/contract/dossier_snapshot.schema.json)
    dossier_id is not null
        and synced_at is not null
        and procedure_code is not null and regexp_full_match(procedure_code, '[12][.][0-9]{6}([.][A-Z0-9]+)?')
        and unit_code is not null
        and status between 1 and 10
        and coalesce(channel_code in (1, 2, 3), true)
        and coalesce(place_code in (1, 2, 3), true)
        and coalesce(applicant_type_code in (1, 2), true)
        and coalesce(payment_code in (0, 1, 2), true)
        and coalesce(trim(digitized_raw) in ('0', '1'), true)
        and coalesce(trim(vneid_raw) in ('0', '1'), true)
        and bench_parsed(synced_raw, synced_at) and bench_parsed(submitted_raw, submitted_at)
        and bench_parsed(received_raw, received_at) and bench_parsed(due_raw, due_at)
        and bench_parsed(finished_raw, finished_at) and bench_parsed(returned_raw, returned_at)
        and bench_parsed(refused_raw, refused_at) and bench_parsed(paper_raw, paper_received_at)
        and coalesce(finished_at >= received_at, true)
        and bench_not_future(synced_at, export_date) and bench_not_future(submitted_at, export_date)
        and bench_not_future(received_at, export_date) and bench_not_future(finished_at, export_date)
        and bench_not_future(returned_at, export_date) and bench_not_future(refused_at, export_date)
        and bench_not_future(paper_received_at, export_date) as is_valid
from typed;

-- ratings (ratings/date=*/*.csv): MaHoSo,ThoiDiemDanhGia,MucDoHaiLong; columns found by the header's names
create or replace table bench_ratings as
with files as (
    select
        regexp_extract(filename, '[^/]+$') as export_file,
        cast(regexp_extract(filename, '/date=([0-9]{4}-[0-9]{2}-[0-9]{2})/[^/]+$', 1) as date) as export_date,
        string_split(content, chr(10)) as lines
    from read_text(getvariable('landing') || '/ratings/*/*.csv')
    where regexp_matches(filename, '/ratings/date=[0-9]{4}-[0-9]{2}-[0-9]{2}/[^/_.][^/]*[.]csv$')
),

numbered as (
    select
        export_date,
        export_file,
        list_transform(string_split(ltrim(rtrim(lines[1], chr(13)), chr(65279)), ','), lambda h: trim(trim(h), '"')) as header,
        unnest(lines) as raw,
        unnest(generate_series(1, len(lines))) as export_line
    from files
),

cells as (
    select
        export_date,
        export_file,
        export_line,
        hash(line) as line_hash,
        header,
        list_transform(string_split(line, ','), lambda c: trim(trim(c), '"')) as c
    from (
        select *, case when ends_with(raw, chr(13)) then rtrim(raw, chr(13)) else raw end as line
        from numbered
    )
    where export_line > 1
      and not regexp_full_match(line, '[ \t]*')
),

typed as (
    select
        export_date,
        export_file,
        export_line,
        line_hash,
        len(c) = len(header) as width_ok,
        bench_text(c[list_position(header, 'MaHoSo')]) as dossier_id,
        c[list_position(header, 'ThoiDiemDanhGia')] as rated_raw,
        bench_ts(c[list_position(header, 'ThoiDiemDanhGia')]) as rated_at,
        try_cast(trim(c[list_position(header, 'MucDoHaiLong')]) as bigint) as rating
    from cells
)

select
    export_date,
    export_file,
    export_line,
    line_hash,
    dossier_id,
    rated_at,
    cast(rating as integer) as rating,
    width_ok and dossier_id is not null and rated_at is not null and coalesce(rating in (1, 2, 3), false)
        and bench_not_future(rated_at, export_date) as is_valid
from typed;

-- feedback (feedback/date=*/*.csv): MaPAKN,MaHoSo,DonViXuLy,NgayTiepNhan,HanXuLy,NgayXuLy,DaCongKhai,HaiLong
create or replace table bench_feedback_exports as
with files as (
    select
        regexp_extract(filename, '[^/]+$') as export_file,
        cast(regexp_extract(filename, '/date=([0-9]{4}-[0-9]{2}-[0-9]{2})/[^/]+$', 1) as date) as export_date,
        string_split(content, chr(10)) as lines
    from read_text(getvariable('landing') || '/feedback/*/*.csv')
    where regexp_matches(filename, '/feedback/date=[0-9]{4}-[0-9]{2}-[0-9]{2}/[^/_.][^/]*[.]csv$')
),

numbered as (
    select
        export_date,
        export_file,
        list_transform(string_split(ltrim(rtrim(lines[1], chr(13)), chr(65279)), ','), lambda h: trim(trim(h), '"')) as header,
        unnest(lines) as raw,
        unnest(generate_series(1, len(lines))) as export_line
    from files
),

cells as (
    select
        export_date,
        export_file,
        export_line,
        hash(line) as line_hash,
        header,
        list_transform(string_split(line, ','), lambda c: trim(trim(c), '"')) as c
    from (
        select *, case when ends_with(raw, chr(13)) then rtrim(raw, chr(13)) else raw end as line
        from numbered
    )
    where export_line > 1
      and not regexp_full_match(line, '[ \t]*')
),

typed as (
    select
        export_date,
        export_file,
        export_line,
        line_hash,
        len(c) = len(header) as width_ok,
        bench_text(c[list_position(header, 'MaPAKN')]) as feedback_id,
        bench_text(c[list_position(header, 'MaHoSo')]) as dossier_id,
        bench_text(c[list_position(header, 'DonViXuLy')]) as unit_code,
        c[list_position(header, 'NgayTiepNhan')] as received_raw,
        bench_ts(c[list_position(header, 'NgayTiepNhan')]) as received_at,
        c[list_position(header, 'HanXuLy')] as deadline_raw,
        bench_ts(c[list_position(header, 'HanXuLy')]) as deadline_at,
        c[list_position(header, 'NgayXuLy')] as answered_raw,
        bench_ts(c[list_position(header, 'NgayXuLy')]) as answered_at,
        bench_text(c[list_position(header, 'DaCongKhai')]) as published_raw,
        bench_text(c[list_position(header, 'HaiLong')]) as satisfied_raw
    from cells
)

select
    export_date,
    export_file,
    export_line,
    line_hash,
    feedback_id,
    dossier_id,
    unit_code,
    received_at,
    deadline_at,
    answered_at,
    coalesce(try_cast(published_raw as bigint) = 1, false) as is_published,
    width_ok and feedback_id is not null and unit_code is not null and received_at is not null
        and bench_parsed(deadline_raw, deadline_at) and bench_parsed(answered_raw, answered_at)
        and coalesce(try_cast(published_raw as bigint) in (0, 1), published_raw is null)
        and coalesce(try_cast(satisfied_raw as bigint) in (0, 1), satisfied_raw is null)
        and bench_not_future(received_at, export_date) and bench_not_future(answered_at, export_date) as is_valid
from typed;

-- the catalogue (catalog/*.csv), full snapshots; a row the contract rejects is left out as in silver
create or replace table bench_procedures as
select
    trim(MaTTHC) as procedure_code,
    bench_text(TenTTHC) as procedure_name,
    bench_text(MaLinhVuc) as sector_code,
    trim(MucDoDVC) as service_level,
    try_cast(trim(DuDieuKienToanTrinh) as bigint) = 1 as eligible_full_online,
    try_cast(trim(YeuCauHoSoGiay) as bigint) = 1 as requires_paper,
    try_cast(trim(TraKetQuaGiay) as bigint) = 1 as paper_result,
    bench_date(NgayTaiCauTruc) as reengineered_on,
    bench_date(HieuLucTu) as valid_from,
    bench_date(HieuLucDen) as valid_to
from read_csv(getvariable('landing') || '/catalog/procedures.csv', header = true, all_varchar = true)
where regexp_full_match(trim(MaTTHC), '[12][.][0-9]{6}([.][A-Z0-9]+)?')
  and bench_text(TenTTHC) is not null
  and bench_text(MaLinhVuc) is not null
  and trim(CapThucHien) in ('TINH', 'HUYEN', 'XA')
  and trim(MucDoDVC) in ('TOAN_TRINH', 'MOT_PHAN', 'KHONG')
  and trim(DuDieuKienToanTrinh) in ('0', '1')
  and trim(YeuCauHoSoGiay) in ('0', '1')
  and trim(CoPhiLePhi) in ('0', '1')
  and trim(TraKetQuaGiay) in ('0', '1')
  and bench_date(HieuLucTu) is not null
  and bench_parsed(HieuLucDen, bench_date(HieuLucDen))
  and bench_parsed(NgayTaiCauTruc, bench_date(NgayTaiCauTruc));

create or replace table bench_units as
select
    trim(MaDonVi) as unit_code,
    trim(Cap) as level,
    bench_date(HieuLucTu) as valid_from,
    bench_date(HieuLucDen) as valid_to
from read_csv(getvariable('landing') || '/catalog/units.csv', header = true, all_varchar = true)
where bench_text(MaDonVi) is not null
  and bench_text(TenDonVi) is not null
  and trim(Cap) in ('TINH', 'SO', 'HUYEN', 'XA')
  and bench_date(HieuLucTu) is not null
  and bench_parsed(HieuLucDen, bench_date(HieuLucDen));

create or replace table bench_civil_servants as
select distinct bench_person(SoDinhDanh) as applicant_key
from read_csv(getvariable('landing') || '/catalog/civil_servants.csv', header = true, all_varchar = true)
where bench_text(SoDinhDanh) is not null
  and bench_text(MaDonVi) is not null;
