-- The holiday list's parsed records (catalog/holidays.csv) under silver's names: the dates the Decision 766
-- on-time rule does not count as working days.
select
    Ngay                                 as holiday_date,
    TenNgayLe                            as holiday_name,
    -- the reader's lineage and rejection columns, passed through (the quarantine and the counts read them);
    -- a date given twice with the same name counts once (the ingest writes silver distinct); given with
    -- different names, which one counts would be a guess: every row of it is quarantined
    export_date, export_file, export_line, line_hash,
    case when _conflict then 'DUPLICATE_KEY' else reason_code end as reason_code,
    case when _conflict then concat('the holiday date ', cast(Ngay as string), ' is given more than once with different names')
        else reason end                  as reason,
    raw_masked
from (
    select *,
        reason_code is null and min(_values) over w <> max(_values) over w as _conflict
    from (select *, xxhash64(coalesce(TenNgayLe, '')) as _values from parsed_holidays)
    window w as (partition by Ngay, reason_code is null)
)
