"""One Airflow task per hoso stage, with the runner chosen by configuration. Used by the hoso DAG files.

The runner is read when the DAG file is parsed, from the environment only (no database call):
``AIRFLOW_VAR_HOSO_RUNNER`` is how Airflow exposes a Variable ``hoso_runner`` set in the environment.

- ``bash`` (default): a BashOperator runs the launcher (Variable ``hoso_launcher``, the ``hoso`` script of a
  checkout built on the worker), which starts Spark in its own JVM with the master of the config file.
- ``spark``: a SparkSubmitOperator (provider apache-airflow-providers-apache-spark) submits
  ``target/hoso-cluster.jar`` (Variable ``hoso_jar``) with main class vn.hoso.cli.Main. The Spark master,
  deploy mode, queue and spark-submit binary come from the Airflow Connection ``spark_default`` (or the one
  named by ``AIRFLOW_VAR_HOSO_SPARK_CONN_ID``).

``AIRFLOW_VAR_HOSO_POOL`` (optional) puts every hoso task in that pool: a pool of one slot keeps the nightly,
backfill and rebuild DAGs from writing the warehouse at the same time.

Everything else (paths, dates, the secret) is a template rendered when the task runs: see hoso_commands.
"""
from __future__ import annotations

import os

import hoso_commands

RUNNERS = ("bash", "spark")
RUNNER = (os.environ.get("AIRFLOW_VAR_HOSO_RUNNER") or "bash").strip().lower()
if RUNNER not in RUNNERS:
    raise ValueError(f"AIRFLOW_VAR_HOSO_RUNNER must be one of {', '.join(RUNNERS)}, not {RUNNER!r}")
SPARK_CONN_ID = (os.environ.get("AIRFLOW_VAR_HOSO_SPARK_CONN_ID") or "spark_default").strip()
POOL = (os.environ.get("AIRFLOW_VAR_HOSO_POOL") or "").strip() or None


def stage_task(stage: str, dates: hoso_commands.Dates):
    """The task that runs one stage for those dates, in the DAG being defined (``with DAG(...)``)."""
    argv = hoso_commands.stage_argv(stage, dates, hoso_commands.AIRFLOW_SETTINGS)
    env = hoso_commands.env_dict(hoso_commands.stage_env(stage, hoso_commands.AIRFLOW_SECRET))
    extra = {"pool": POOL} if POOL else {}
    if RUNNER == "spark":
        from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

        return SparkSubmitOperator(
            task_id=stage,
            conn_id=SPARK_CONN_ID,
            application=hoso_commands.AIRFLOW_JAR.template(),
            java_class=hoso_commands.MAIN_CLASS,
            name=f"hoso-{stage}",
            application_args=hoso_commands.arg_list(argv),
            env_vars=env or None,
            **extra,
        )
    try:  # Airflow 3 (and 2.10+ with the standard provider)
        from airflow.providers.standard.operators.bash import BashOperator
    except ImportError:  # Airflow 2.9
        from airflow.operators.bash import BashOperator

    return BashOperator(
        task_id=stage,
        bash_command=hoso_commands.bash_command(hoso_commands.AIRFLOW_LAUNCHER, argv),
        env=env or None,
        append_env=True,
        **extra,
    )
