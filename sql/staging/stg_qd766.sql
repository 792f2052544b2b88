-- The Decision 766 index figures of a catalogue file under silver's names: a template, written once for the two
-- files of the same columns (catalog/qd766_manual.csv: stg_qd766_manual; catalog/qd766_portal.csv: stg_qd766_portal),
-- each binding its parsed feed as the placeholder parsed_qd766.
-- source and note are free text, already masked by the parser (ID numbers, phones, e-mails).
select
    period_type,
    period,
    scope_type,
    scope_code,
    indicator                            as indicator_code,
    numerator,
    denominator,
    score,
    source,
    note,
    -- the reader's lineage and rejection columns, passed through (the quarantine and the counts read them);
    -- a key given twice with the same values counts once (the ingest writes silver distinct); given with
    -- different values, which one counts would be a guess: every row of it is quarantined
    export_date, export_file, export_line, line_hash,
    case when _conflict then 'DUPLICATE_KEY' else reason_code end as reason_code,
    case when _conflict then concat('the key (', concat_ws(', ', period_type, period, scope_type, scope_code, indicator),
        ') is given more than once with different values') else reason end as reason,
    raw_masked
from (
    select *,
        reason_code is null and min(_values) over w <> max(_values) over w as _conflict
    from (select *, xxhash64(coalesce(cast(numerator as string), '-'), coalesce(cast(denominator as string), '-'),
            coalesce(cast(score as string), '-'), coalesce(source, '-'), coalesce(note, '-')) as _values
        from parsed_qd766)
    window w as (partition by period_type, period, scope_type, scope_code, indicator, reason_code is null)
)
