-- The unit catalogue's parsed records (units.csv) under silver's names and types; the ingest adds
-- current_unit_code by following the successor chains.
select
    MaDonVi                              as unit_code,
    TenDonVi                             as unit_name,
    Cap                                  as level,
    MaDonViCha                           as parent_code,
    HieuLucTu                            as valid_from,
    HieuLucDen                           as valid_to,
    MaDonViKeThua                        as successor_code,
    -- the reader's lineage and rejection columns, passed through (the quarantine and the counts read them)
    export_date, export_file, export_line, line_hash, reason_code, reason, raw_masked
from parsed_units
