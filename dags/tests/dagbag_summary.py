"""Loads the DAG folder with the installed Airflow's DagBag and prints, as JSON, what the tests check.

Run by test_airflow.py with each installed Airflow (3.x and 2.10) and each runner, in a fresh process, with
AIRFLOW_HOME and AIRFLOW__CORE__DAGS_FOLDER set. The DAG folder is put on sys.path the way Airflow itself does
(BundleDagBag on Airflow 3, the DAGs folder setting on Airflow 2), not by this script.

    python dagbag_summary.py RUN_AFTER OUT.json

RUN_AFTER, an ISO date-time, is the run time for which the nightly's manual data interval is given. The JSON goes
to a file: Airflow logs to standard output.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import airflow
import pendulum
from airflow.configuration import conf

try:  # Airflow 3
    from airflow.models.dagbag import BundleDagBag
except ImportError:  # Airflow 2
    BundleDagBag = None
from airflow.models.dagbag import DagBag

TEMPLATE_FIELDS = ("bash_command", "env", "append_env", "application", "application_args", "env_vars", "conn_id",
                   "java_class", "name", "pool")


def load() -> DagBag:
    folder = conf.get("core", "dags_folder")
    if BundleDagBag is not None:
        return BundleDagBag(dag_folder=folder, bundle_path=Path(folder))
    return DagBag(dag_folder=folder, include_examples=False)


def task_summary(task) -> dict:
    fields = {f: getattr(task, f) for f in TEMPLATE_FIELDS if hasattr(task, f)}
    for private in ("_conn_id", "_java_class", "_deploy_mode"):  # SparkSubmitOperator keeps these private
        if hasattr(task, private):
            fields[private[1:]] = getattr(task, private)
    return {
        "operator": [c.__name__ for c in type(task).__mro__],
        "upstream": sorted(task.upstream_task_ids),
        "trigger_rule": str(getattr(task.trigger_rule, "value", task.trigger_rule)),
        "retries": task.retries,
        "retry_delay_s": task.retry_delay.total_seconds(),
        "template_fields": sorted(task.template_fields),
        "fields": fields,
    }


def dag_summary(dag, run_after) -> dict:
    timetable = dag.timetable
    out = {
        "timetable": type(timetable).__name__,
        "timetable_args": timetable.serialize(),
        "catchup": dag.catchup,
        "max_active_runs": dag.max_active_runs,
        "start_date": dag.start_date.isoformat() if dag.start_date else None,
        "tags": sorted(dag.tags),
        "params": {k: dict(v.schema) for k, v in dag.params.items()},
        "order": [t.task_id for t in dag.topological_sort()] if hasattr(dag, "topological_sort")
        else [t.task_id for t in dag.tasks],
        "tasks": {t.task_id: task_summary(t) for t in dag.tasks},
    }
    if type(timetable).__name__ != "NullTimetable":
        interval = timetable.infer_manual_data_interval(run_after=run_after)
        out["manual_interval_start"] = interval.start.isoformat()
    return out


def main() -> None:
    run_after = pendulum.parse(sys.argv[1])
    bag = load()
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        json.dump({"airflow": airflow.__version__,
                   "import_errors": {Path(k).name: v for k, v in bag.import_errors.items()},
                   "dags": {dag_id: dag_summary(dag, run_after) for dag_id, dag in sorted(bag.dags.items())}},
                  out, default=str)


if __name__ == "__main__":
    main()
