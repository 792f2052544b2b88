-- The civil servant list's parsed records under silver's names: SoDinhDanh arrives as the parser's
-- HMAC key, never the ID number itself.
select
    SoDinhDanh                           as applicant_key,
    MaDonVi                              as unit_code,
    -- the reader's lineage and rejection columns, passed through (the quarantine and the counts read them)
    export_date, export_file, export_line, line_hash, reason_code, reason, raw_masked
from parsed_civil_servants
