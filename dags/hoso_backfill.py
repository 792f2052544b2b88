"""
# hoso backfill

Loads a range of export dates **in one pass** and carries them through every stage: **ingest** → **check**
→ **marts** → **publish**, each task one `hoso` stage command with `--from FROM --to TO` (publish takes the
whole warehouse). Much cheaper than one nightly run per day for a long history, and safe to run over nights
that are already loaded: a dossier's current row is chosen by a total order, so the order of loading does not
matter, and exact re-exports are never counted twice.

**Trigger** it by hand with the params `from` and `to` (YYYY-MM-DD, inclusive), in the UI form or:

    airflow dags trigger hoso_backfill --conf '{"from": "2024-01-01", "to": "2024-12-31"}'

Pause `hoso_nightly` while a backfill runs (or give both the pool of one slot named by
`AIRFLOW_VAR_HOSO_POOL`): two runs must never write the same warehouse at once.

**Needs** the same Variables and Connection as `hoso_nightly`; see the README, "Scheduling with Airflow".
"""
from __future__ import annotations

from datetime import timedelta

import pendulum

try:  # Airflow 3
    from airflow.sdk import DAG, Param
except ImportError:  # Airflow 2.9
    from airflow import DAG
    from airflow.models.param import Param

import hoso_commands
import hoso_tasks

with DAG(
    dag_id="hoso_backfill",
    description="hoso: load a range of export dates in one pass (params from, to)",
    schedule=None,
    start_date=pendulum.datetime(2025, 1, 1, tz=hoso_commands.TIMEZONE),
    catchup=False,
    max_active_runs=1,
    default_args={
        "owner": "hoso",
        "retries": 1,
        "retry_delay": timedelta(minutes=10),
    },
    params={
        "from": Param(type="string", format="date", title="From", description="First export date, YYYY-MM-DD."),
        "to": Param(type="string", format="date", title="To", description="Last export date (inclusive), YYYY-MM-DD."),
    },
    tags=["hoso", "dvc", "backfill"],
    doc_md=__doc__,
    user_defined_filters=hoso_commands.JINJA_FILTERS,
) as dag:
    ingest = hoso_tasks.stage_task("ingest", hoso_commands.BACKFILL)
    check = hoso_tasks.stage_task("check", hoso_commands.BACKFILL)
    marts = hoso_tasks.stage_task("marts", hoso_commands.BACKFILL)
    publish = hoso_tasks.stage_task("publish", hoso_commands.BACKFILL)

    ingest >> check >> marts >> publish
