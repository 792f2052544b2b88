"""hoso nightly: load yesterday's export date, check it, compute the marts, publish the DuckDB file."""

import hoso_commands as hc
from hoso_dags import DAG, DEFAULT_ARGS, START, CronDataIntervalTimetable, chain_stages

with DAG(
    dag_id="hoso_nightly",
    schedule=CronDataIntervalTimetable("0 1 * * *", timezone=hc.TIMEZONE),
    start_date=START,
    catchup=True,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["hoso", "dvc", "nightly"],
    doc_md="""
### hoso nightly

Runs at 01:00 Vietnam time (Asia/Ho_Chi_Minh). The run of the interval [D 01:00, D+1 01:00) loads the
landing folders `date=D`: **ingest** (landing to silver) >> **check** (data-quality gate; exit 3 stops
the chain, nothing is published) >> **marts** (gold and scorecards) >> **publish** (the analysts'
DuckDB file). Catchup is on, one run at a time, so a paused DAG catches up night by night in order.

The date is `data_interval_start` in Vietnam time, not `{{ ds }}` (the logical date in UTC, which at
01:00 UTC+7 is the day before, and which Airflow 3's default cron timetable moves to the run time).

Variables: `hoso_landing`, `hoso_warehouse`, `hoso_config`, and `hoso_home` (launcher) or `hoso_jar`
(cluster jar, runner `spark-submit` set by the environment variable `AIRFLOW_VAR_HOSO_RUNNER`).
""",
) as dag:
    chain_stages(hc.date_args("nightly"))
