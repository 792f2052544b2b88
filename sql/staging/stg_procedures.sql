-- The procedure catalogue's parsed records (procedures.csv) under silver's names and types.
select
    MaTTHC                               as procedure_code,
    TenTTHC                              as procedure_name,
    MaLinhVuc                            as sector_code,
    TenLinhVuc                           as sector_name,
    CapThucHien                          as level,
    MucDoDVC                             as service_level,
    DuDieuKienToanTrinh = 1              as eligible_full_online,
    YeuCauHoSoGiay = 1                   as requires_paper,
    CoPhiLePhi = 1                       as has_fee,
    TraKetQuaGiay = 1                    as paper_result,
    cast(ThoiHanGiaiQuyetNgay as int)    as deadline_days,
    NgayTaiCauTruc                       as reengineered_on,
    HieuLucTu                            as valid_from,
    HieuLucDen                           as valid_to,
    -- optional column: null when absent or empty (the index then takes every procedure, tagged PROXY)
    ChoCongDan = 1                       as for_citizens,
    -- the reader's lineage and rejection columns, passed through (the quarantine and the counts read them)
    export_date, export_file, export_line, line_hash, reason_code, reason, raw_masked
from parsed_procedures
