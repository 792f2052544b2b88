"""hoso backfill: load a range of export dates in one pass (manual)."""

import hoso_commands as hc
from hoso_dags import DAG, DEFAULT_ARGS, START, Param, chain_stages

with DAG(
    dag_id="hoso_backfill",
    schedule=None,
    start_date=START,
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["hoso", "dvc", "backfill"],
    params={
        "from": Param("2024-01-01", type="string", format="date", description="first export date"),
        "to": Param("2024-12-31", type="string", format="date", description="last export date (inclusive)"),
    },
    doc_md="""
### hoso backfill

Loads the export dates `from`..`to` in one pass (`--from/--to`), then checks, computes the marts and
publishes. Trigger: `airflow dags trigger hoso_backfill --conf '{"from": "2024-01-01", "to": "2024-12-31"}'`.
Dates may come in any order relative to the nightly runs: silver is the same either way.
""",
) as dag:
    chain_stages(hc.date_args("backfill"))
