"""
# hoso monthly report

Writes the office report of the month before (Excel, HTML, PDF; the province's and one per unit with data) into
`<warehouse>/reports/<YYYY-MM>/`, from the published DuckDB file. Each file is written beside its final name and
renamed over it: a reader sees the old file or the whole new one.

**When.** 06:00 Vietnam time on the 1st of every month, after the nightly run of 01:00 that loaded the month's
last day. The schedule is an explicit `CronDataIntervalTimetable("0 6 1 * *", timezone="Asia/Ho_Chi_Minh")` on
Airflow 2 and 3 alike: the run of 1 October covers September, whose start is `data_interval_start` in Vietnam time.

**Rerun a month.** Clear its task: the same month is written again (the files are replaced whole).
A month without data fails with one line (exit 2) and writes nothing.

**Needs.** Variables `hoso_warehouse`, `hoso_config` and `hoso_launcher` (with either runner: the report starts no
Spark). See docs/reports.md.
"""
from __future__ import annotations

from datetime import timedelta

import pendulum

try:  # Airflow 3
    from airflow.sdk import DAG
except ImportError:  # Airflow 2.9
    from airflow import DAG
try:  # Airflow 3.1+
    from airflow.sdk import CronDataIntervalTimetable
except ImportError:  # Airflow 2.9 and 3.0
    from airflow.timetables.interval import CronDataIntervalTimetable

import hoso_commands
import hoso_tasks

with DAG(
    dag_id="hoso_monthly_report",
    description="hoso: the month's office report (xlsx, html, pdf) for the province and each unit",
    schedule=CronDataIntervalTimetable(hoso_commands.REPORT_CRON, timezone=hoso_commands.TIMEZONE),
    start_date=pendulum.datetime(2025, 1, 1, tz=hoso_commands.TIMEZONE),
    catchup=False,
    max_active_runs=1,
    default_args={
        "owner": "hoso",
        "retries": 1,
        "retry_delay": timedelta(minutes=30),
        "execution_timeout": timedelta(hours=3),
    },
    tags=["hoso", "dvc", "report"],
    doc_md=__doc__,
    user_defined_filters=hoso_commands.JINJA_FILTERS,
) as dag:
    report = hoso_tasks.report_task(hoso_commands.REPORT_PERIOD)
