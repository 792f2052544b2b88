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

Paths and dates are templates rendered when the task runs (see hoso_commands). The secret is not: the operator
reads the Variable ``hoso_pseudonym_secret`` when the task runs and puts it in the stage's environment only, so
no rendered field (``airflow tasks render``, the UI) and no command line holds it. A failed quality gate (exit 3)
fails the bash runner's ``check`` task without retries.
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


def _secret_env(stage: str) -> dict:
    """The stage's secret environment, read from its Variable when the task runs (never a template field)."""
    if stage not in hoso_commands.SECRET_STAGES:
        return {}
    try:  # Airflow 3
        from airflow.sdk import Variable
    except ImportError:  # Airflow 2
        from airflow.models import Variable
    # Variable.get masks the value in task logs (the name contains "secret"); a missing one raises, naming it.
    return hoso_commands.stage_env(stage, Variable.get(hoso_commands.SECRET_VARIABLE))


def _bash_operator_class():
    try:  # Airflow 3 (and 2.10+ with the standard provider)
        from airflow.providers.standard.operators.bash import BashOperator
    except ImportError:  # Airflow 2.9
        from airflow.operators.bash import BashOperator
    from airflow.exceptions import AirflowException, AirflowFailException

    class HosoBashOperator(BashOperator):
        """A hoso stage through the launcher: the secret joins the environment when the task runs, and a failed
        quality gate fails the task without a retry (the same input would fail the same way)."""

        def execute(self, context):
            self.env = {**(self.env or {}), **_secret_env(self.task_id)} or None
            try:
                return super().execute(context)
            except AirflowException as e:
                process = getattr(self.subprocess_hook, "sub_process", None)
                if process is not None and process.returncode == hoso_commands.EXIT_QUALITY:
                    raise AirflowFailException(f"hoso {self.task_id}: the data-quality gate failed "
                                               f"(exit {hoso_commands.EXIT_QUALITY}); not retried") from e
                raise

    return HosoBashOperator


def _spark_operator_class():
    from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

    class HosoSparkSubmitOperator(SparkSubmitOperator):
        """A hoso stage through spark-submit: the secret joins the driver's environment when the task runs."""

        def execute(self, context):
            self.env_vars = {**(self.env_vars or {}), **_secret_env(self.task_id)} or None
            return super().execute(context)

    return HosoSparkSubmitOperator


#: The operator of every stage task, for the runner of this parse.
OPERATOR = _spark_operator_class() if RUNNER == "spark" else _bash_operator_class()


def stage_task(stage: str, dates: hoso_commands.Dates):
    """The task that runs one stage for those dates, in the DAG being defined (``with DAG(...)``)."""
    argv = hoso_commands.stage_argv(stage, dates, hoso_commands.AIRFLOW_SETTINGS)
    extra = {"pool": POOL} if POOL else {}
    if RUNNER == "spark":
        return OPERATOR(
            task_id=stage,
            conn_id=SPARK_CONN_ID,
            application=hoso_commands.AIRFLOW_JAR.template(),
            java_class=hoso_commands.MAIN_CLASS,
            name=f"hoso-{stage}",
            application_args=hoso_commands.arg_list(argv),
            **extra,
        )
    return OPERATOR(
        task_id=stage,
        bash_command=hoso_commands.bash_command(hoso_commands.AIRFLOW_LAUNCHER, argv),
        append_env=True,
        **extra,
    )


def report_task(period: hoso_commands.Value):
    """The monthly report task. Always through the launcher: the report reads the published DuckDB file and
    starts no Spark, so it needs no cluster (with the spark runner too, the Variable hoso_launcher must be set)."""
    argv = hoso_commands.report_argv(period, hoso_commands.AIRFLOW_SETTINGS)
    extra = {"pool": POOL} if POOL else {}
    return _bash_operator_class()(
        task_id="report",
        bash_command=hoso_commands.bash_command(hoso_commands.AIRFLOW_LAUNCHER, argv),
        append_env=True,
        **extra,
    )
