-- DuckDB-only baseline of `hoso bench` (issue 7): the province priority list and the province's yearly
-- KPIs computed straight from the landing files with DuckDB SQL, no Spark and no silver Parquet.
-- These files run in name order in one DuckDB connection; `hoso bench` compares their two outputs
-- (bench_province_priority, bench_province_kpi) with the pipeline's gold tables.
--
-- Variables (SET VARIABLE, bound by the runner, never spliced): landing (absolute path of the landing root).
--
-- 00_functions: the contract's value formats (CONTRACT.md). Timestamps are `yyyyMMddHHmmss` or ISO-8601;
-- without an offset they are Vietnam local time. Every timestamp here is a naive TIMESTAMP in Vietnam local
-- time (UTC+07:00, no daylight saving), which is what the pipeline's Spark session (Asia/Ho_Chi_Minh) sees,
-- so dates, years, months and day differences agree. A value that does not parse becomes null, and the
-- validity rules of 10_landing.sql then reject the record as the pipeline's parser would.

create or replace macro bench_text(s) as nullif(trim(s), '');

create or replace macro bench_ts(s) as (
    case
        when s is null or trim(s) = '' then null
        when regexp_full_match(trim(s), '[0-9]{14}') then try_strptime(trim(s), '%Y%m%d%H%M%S')
        when length(trim(s)) = 10 then try_cast(try_cast(trim(s) as date) as timestamp)
        when regexp_matches(trim(s), '[T ][0-9:.]+(Z|[+-][0-9]{2}(:?[0-9]{2})?)$')
            then timezone('Asia/Ho_Chi_Minh', try_cast(trim(s) as timestamptz))
        else try_cast(trim(s) as timestamp)
    end
);

-- a calendar date: yyyy-MM-dd, yyyyMMdd, or a timestamp whose local date is taken
create or replace macro bench_date(s) as (
    case
        when s is null or trim(s) = '' then null
        when regexp_full_match(trim(s), '[0-9]{8}') then try_cast(try_strptime(trim(s), '%Y%m%d') as date)
        when length(trim(s)) = 10 then try_cast(trim(s) as date)
        else cast(bench_ts(s) as date)
    end
);

-- a 0/1 flag read the way the parser reads it: 1 (or "1") is true, anything else false
create or replace macro bench_one(s) as coalesce(try_cast(trim(s) as double) = 1, false);

-- an event time may not be more than a day after the export day it came in
create or replace macro bench_not_future(ts, export_date) as coalesce(cast(ts as date) <= export_date + 1, true);

-- a present value must parse
create or replace macro bench_parsed(raw, value) as (bench_text(raw) is null or value is not null);

-- the pseudonymised applicant: the pipeline keys HMAC-SHA256(secret, trimmed upper-cased ID); a 128-bit
-- digest of the same normalised value gives the same distinct counts and keeps the raw ID out of the tables
create or replace macro bench_person(s) as (
    case when bench_text(s) is null then null else md5_number(upper(trim(s))) end
);

-- the value rule of sql/marts/kpi_values.sql: null on a zero denominator, suppressed below min_n
-- (30 for satisfaction_rate, 1 for every other rate), counts (null denominator) keep their numerator
create or replace macro bench_min_n(kpi_code) as (case when kpi_code = 'satisfaction_rate' then 30 else 1 end);

create or replace macro bench_suppressed(kpi_code, denominator) as coalesce(denominator < bench_min_n(kpi_code), false);

create or replace macro bench_value(kpi_code, numerator, denominator, precomputed) as (
    case
        when denominator is null then coalesce(precomputed, cast(numerator as double))
        when bench_suppressed(kpi_code, denominator) then null
        when denominator = 0 then null
        else numerator / denominator
    end
);
