-- The feedback feed's parsed records (PAKN) under silver's names and types.
select
    MaPAKN                               as feedback_id,
    MaHoSo                               as dossier_id,
    DonViXuLy                            as unit_code,
    NgayTiepNhan                         as received_at,
    HanXuLy                              as deadline_at,
    NgayXuLy                             as answered_at,
    coalesce(DaCongKhai = 1, false)      as is_published,
    -- unknown stays unknown: a feedback without a satisfaction answer is neither satisfied nor not
    HaiLong = 1                          as is_satisfied,
    -- the reader's lineage and rejection columns, passed through (the quarantine and the counts read them)
    export_date, export_file, export_line, line_hash, reason_code, reason, raw_masked
from parsed_feedback
