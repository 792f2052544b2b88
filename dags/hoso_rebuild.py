"""
# hoso rebuild

A **full rebuild**: empties the silver tables and loads every export date found in the landing zone, then
recomputes every year of the marts and publishes: **ingest** → **check** → **marts** → **publish**, each
task one `hoso` stage command with `--full`. For a changed contract or pseudonymisation secret, or a
warehouse to recreate from the landing zone. It takes as long as the whole history: trigger it by hand only.

    airflow dags trigger hoso_rebuild

Pause `hoso_nightly` while it runs (or give both the pool of one slot named by `AIRFLOW_VAR_HOSO_POOL`).

**Needs** the same Variables and Connection as `hoso_nightly`; see the README, "Scheduling with Airflow".
"""
from __future__ import annotations

from datetime import timedelta

import pendulum

try:  # Airflow 3
    from airflow.sdk import DAG
except ImportError:  # Airflow 2.9
    from airflow import DAG

import hoso_commands
import hoso_tasks

with DAG(
    dag_id="hoso_rebuild",
    description="hoso: full rebuild from every export date in the landing zone",
    schedule=None,
    start_date=pendulum.datetime(2025, 1, 1, tz=hoso_commands.TIMEZONE),
    catchup=False,
    max_active_runs=1,
    default_args={
        "owner": "hoso",
        "retries": 1,
        "retry_delay": timedelta(minutes=10),
    },
    tags=["hoso", "dvc", "rebuild"],
    doc_md=__doc__,
    user_defined_filters=hoso_commands.JINJA_FILTERS,
) as dag:
    ingest = hoso_tasks.stage_task("ingest", hoso_commands.REBUILD)
    check = hoso_tasks.stage_task("check", hoso_commands.REBUILD)
    marts = hoso_tasks.stage_task("marts", hoso_commands.REBUILD)
    publish = hoso_tasks.stage_task("publish", hoso_commands.REBUILD)

    ingest >> check >> marts >> publish
