-- Which procedures each unit applies (catalog/unit_procedures.csv) under silver's names. A repeated pair is
-- the same fact twice: the ingest writes the table distinct.
select
    MaDonVi                              as unit_code,
    MaTTHC                               as procedure_code,
    -- the reader's lineage and rejection columns, passed through (the quarantine and the counts read them)
    export_date, export_file, export_line, line_hash, reason_code, reason, raw_masked
from parsed_unit_procedures
