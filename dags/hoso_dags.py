"""Builds hoso's DAGs; imported by the DAG files. No work happens at import: the only setting read at
parse time are the runner and the Spark connection id, from the environment (AIRFLOW_VAR_HOSO_RUNNER and
AIRFLOW_VAR_HOSO_SPARK_CONN, which is how Airflow exposes Variables set in the environment), so the
scheduler never queries its database while parsing."""

import os
from datetime import timedelta

import pendulum

import hoso_commands as hc

try:  # Airflow 3
    from airflow.sdk import DAG, Param
except ImportError:  # Airflow 2.9+
    from airflow import DAG
    from airflow.models.param import Param

try:  # Airflow 3 exports the timetables from the Task SDK
    from airflow.sdk import CronDataIntervalTimetable
except ImportError:  # Airflow 2.9+
    from airflow.timetables.interval import CronDataIntervalTimetable

try:  # Airflow 3: the standard provider
    from airflow.providers.standard.operators.bash import BashOperator
except ImportError:  # Airflow 2
    from airflow.operators.bash import BashOperator

RUNNER = os.environ.get("AIRFLOW_VAR_HOSO_RUNNER", "bash")
# SparkSubmitOperator does not template conn_id, so the connection is chosen at parse time too
SPARK_CONN = os.environ.get("AIRFLOW_VAR_HOSO_SPARK_CONN", "spark_default")

DEFAULT_ARGS = {
    "owner": "hoso",
    "retries": 2,
    "retry_delay": timedelta(minutes=10),
    "depends_on_past": False,
}


def stage_task(stage, dates):
    """One task per stage: the launcher through BashOperator, or the cluster jar through SparkSubmitOperator."""
    args = hc.stage_args(stage, dates)
    if RUNNER == "spark-submit":
        from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

        return SparkSubmitOperator(
            task_id=stage,
            conn_id=SPARK_CONN,
            application=hc.JAR,
            java_class=hc.MAIN_CLASS,
            application_args=args,
            name="hoso-" + stage,
            env_vars={"HOSO_PSEUDONYM_SECRET": "{{ var.value.hoso_pseudonym_secret }}"},
        )
    if RUNNER != "bash":
        raise ValueError("AIRFLOW_VAR_HOSO_RUNNER must be bash or spark-submit, not %r" % (RUNNER,))
    # without env=, the command inherits the worker's environment (HOSO_PSEUDONYM_SECRET, JAVA_HOME)
    return BashOperator(task_id=stage, bash_command=hc.bash_command(args))


def chain_stages(dates):
    """ingest >> check >> marts >> publish."""
    ingest = stage_task("ingest", dates)
    check = stage_task("check", dates)
    marts = stage_task("marts", dates)
    publish = stage_task("publish", dates)
    ingest >> check >> marts >> publish
    return ingest, check, marts, publish


START = pendulum.datetime(2023, 1, 1, tz=hc.TIMEZONE)
