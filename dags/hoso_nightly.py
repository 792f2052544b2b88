"""
# hoso nightly

Loads the export of one day (D) from the landing zone and carries it through every stage:
**ingest** (landing → silver Parquet) → **check** (the Deequ data-quality gate; exit code 3 stops the run
before the marts) → **marts** (gold KPIs, priority list, plan scorecards) → **publish** (the analysts' DuckDB
file, swapped in atomically). Each task is one `hoso` stage command with `--date D`, retried on its own.

**When.** Every day at 01:00 Vietnam time (Asia/Ho_Chi_Minh), for the day before. The schedule is an explicit
`CronDataIntervalTimetable("0 1 * * *", timezone="Asia/Ho_Chi_Minh")` on Airflow 2 and 3 alike: the run that
starts at 01:00 on D+1 covers [D 01:00, D+1 01:00), and the export date is its `data_interval_start` in
Vietnam time, i.e. D. Not `{{ ds }}`: it is the UTC date of the interval start, 18:00 UTC on D-1.

**Catchup.** On; every night since the start date gets a run, oldest first, one at a time. A night without
landing folders is an empty night. For a long history prefer the `hoso_backfill` DAG (one pass over the range).

**Rerun a night.** Clear its tasks (from `ingest`): the run keeps its data interval, so the same D is
reloaded. Reloading a night is idempotent.

**Needs.** Variables `hoso_landing`, `hoso_warehouse`, `hoso_config`, `hoso_pseudonym_secret`, and
`hoso_launcher` (bash runner) or `hoso_jar` (spark runner, with the Connection `spark_default`). See the
README, "Scheduling with Airflow".
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
    dag_id="hoso_nightly",
    description="hoso: the night's export through ingest, quality gate, marts and publish",
    schedule=CronDataIntervalTimetable(hoso_commands.NIGHTLY_CRON, timezone=hoso_commands.TIMEZONE),
    start_date=pendulum.datetime(2025, 1, 1, tz=hoso_commands.TIMEZONE),
    catchup=True,
    max_active_runs=1,
    default_args={
        "owner": "hoso",
        "retries": 2,
        "retry_delay": timedelta(minutes=10),
        "execution_timeout": timedelta(hours=6),
    },
    tags=["hoso", "dvc", "nightly"],
    doc_md=__doc__,
    user_defined_filters=hoso_commands.JINJA_FILTERS,
) as dag:
    ingest = hoso_tasks.stage_task("ingest", hoso_commands.NIGHTLY)
    check = hoso_tasks.stage_task("check", hoso_commands.NIGHTLY)
    marts = hoso_tasks.stage_task("marts", hoso_commands.NIGHTLY)
    publish = hoso_tasks.stage_task("publish", hoso_commands.NIGHTLY)

    ingest >> check >> marts >> publish
