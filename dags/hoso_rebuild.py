"""hoso rebuild: empty silver and load every export date in the landing zone (manual)."""

import hoso_commands as hc
from hoso_dags import DAG, DEFAULT_ARGS, START, chain_stages

with DAG(
    dag_id="hoso_rebuild",
    schedule=None,
    start_date=START,
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["hoso", "dvc", "rebuild"],
    doc_md="""
### hoso rebuild

A full rebuild (`--full`): silver is emptied and every export date found in the landing zone is loaded,
then checked, the marts of every year computed, and the DuckDB file published. Pause `hoso_nightly`
while it runs.
""",
) as dag:
    chain_stages(hc.date_args("rebuild"))
