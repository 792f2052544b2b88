-- The ratings feed's parsed records under silver's names and types.
select
    MaHoSo                       as dossier_id,
    ThoiDiemDanhGia              as rated_at,
    cast(MucDoHaiLong as int)    as rating,
    -- the reader's lineage and rejection columns, passed through (the quarantine and the counts read them)
    export_date, export_file, export_line, line_hash, reason_code, reason, raw_masked
from parsed_ratings
