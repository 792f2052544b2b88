"""The command lines that the hoso Airflow DAGs run: their single source.

Standard library only (no Airflow import), so the tests can render every command for a sample date and run it
through the real launcher with ``--dry-run``. The DAG files build their tasks from here (through
``hoso_tasks``); nothing here reads a Variable, a file or the network.

A value in a command is either a plain string (a test's concrete path or date) or a :class:`Jinja` expression
that Airflow renders when the task runs (``var.value.hoso_landing``, the export date, a DAG param). The secret
is never a template: the operator reads its Variable when the task runs (``SECRET_VARIABLE``). The same
functions build both, so what the tests run is what the DAGs run.
"""
from __future__ import annotations

import shlex
from dataclasses import dataclass
from typing import Dict, List, Optional, Union

#: Vietnam time: the provinces' systems export at night, local time. No daylight saving.
TIMEZONE = "Asia/Ho_Chi_Minh"
#: The nightly run: 01:00 Vietnam time, once the export of the day before has landed.
NIGHTLY_CRON = "0 1 * * *"
#: The monthly report: 06:00 Vietnam time on the 1st, after the nightly run that loaded the month's last day.
REPORT_CRON = "0 6 1 * *"
#: The CLI's main class, in the launcher's classpath and in target/hoso-cluster.jar.
MAIN_CLASS = "vn.hoso.cli.Main"
#: The stage subcommands of the hoso CLI, in run order; the DAGs' task ids are these names.
STAGES = ("ingest", "check", "marts", "publish")
#: Where the pseudonymisation secret goes: an environment variable, never the command line.
SECRET_ENV = "HOSO_PSEUDONYM_SECRET"
#: The stages that read personal data and so need the secret.
SECRET_STAGES = frozenset({"ingest"})


class Jinja:
    """An Airflow template expression (without the braces), rendered when the task runs."""

    __slots__ = ("expr",)

    def __init__(self, expr: str) -> None:
        self.expr = expr

    def template(self) -> str:
        """As one argument of an argument list (SparkSubmitOperator's application_args, env values)."""
        return "{{ " + self.expr + " }}"

    def shell_template(self) -> str:
        """As one word of a bash command: quoted at render time by the DAG's ``shquote`` filter."""
        return "{{ (" + self.expr + ") | shquote }}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Jinja) and other.expr == self.expr

    def __hash__(self) -> int:
        return hash(self.expr)

    def __repr__(self) -> str:
        return f"Jinja({self.expr!r})"


Value = Union[str, Jinja]

#: Jinja filters the DAGs register (``user_defined_filters``): shell-quote a rendered value, so a path with a
#: space or a quote, or a param a user typed, is always one word and never shell code.
JINJA_FILTERS = {"shquote": shlex.quote}


@dataclass(frozen=True)
class Settings:
    """Where the data and the configuration are."""

    landing: Value
    warehouse: Value
    config: Value


@dataclass(frozen=True)
class Dates:
    """Which export dates a run loads: one night (``date``), a range (``range``) or everything (``full``)."""

    mode: str
    date: Optional[Value] = None
    start: Optional[Value] = None
    end: Optional[Value] = None

    @staticmethod
    def nightly(date: Value) -> "Dates":
        return Dates("date", date=date)

    @staticmethod
    def between(start: Value, end: Value) -> "Dates":
        return Dates("range", start=start, end=end)

    @staticmethod
    def full() -> "Dates":
        return Dates("full")

    def args(self) -> List[Value]:
        """The date options of ingest, check and marts."""
        if self.mode == "date":
            return ["--date", self.date]
        if self.mode == "range":
            return ["--from", self.start, "--to", self.end]
        if self.mode == "full":
            return ["--full"]
        raise ValueError(f"unknown date mode {self.mode!r}")

    def publish_args(self) -> List[Value]:
        """publish takes the whole warehouse; it accepts a nightly --date, which it only reports."""
        return ["--date", self.date] if self.mode == "date" else []


# --- What the DAGs use: Airflow Variables and template expressions, rendered when a task runs. ---------------

#: The export date D of a nightly run, in Vietnam time.
#:
#: The nightly DAG uses an explicit CronDataIntervalTimetable("0 1 * * *", timezone=TIMEZONE), on Airflow 2 and
#: 3 alike: the run that starts at 01:00 on D+1 covers the interval [D 01:00, D+1 01:00) Vietnam time, so
#: data_interval_start, converted to Vietnam time, falls on D. Not ``{{ ds }}``: templates get UTC datetimes,
#: and D 01:00 in Vietnam (UTC+7) is 18:00 UTC on D-1, so ``ds`` would be the day before D. Nor a bare cron
#: string: Airflow 3 makes it a CronTriggerTimetable (``[scheduler] create_cron_data_intervals`` is False by
#: default) whose data interval is empty and whose logical date is the run time (D+1), while Airflow 2 makes
#: it a CronDataIntervalTimetable; the same template would then load different nights on the two.
NIGHTLY_DATE = Jinja('data_interval_start.in_timezone("' + TIMEZONE + '").strftime("%Y-%m-%d")')

#: The month a monthly report run covers (YYYY-MM), for the same reason as NIGHTLY_DATE an explicit
#: CronDataIntervalTimetable(REPORT_CRON): the run at 06:00 on the 1st covers the month before, whose start is
#: data_interval_start in Vietnam time.
REPORT_PERIOD = Jinja('data_interval_start.in_timezone("' + TIMEZONE + '").strftime("%Y-%m")')

#: The three kinds of runs the DAGs make.
NIGHTLY = Dates.nightly(NIGHTLY_DATE)
BACKFILL = Dates.between(Jinja('params["from"]'), Jinja('params["to"]'))
REBUILD = Dates.full()

#: Paths come from Airflow Variables, read when the task runs (never when the DAG file is parsed). A missing
#: Variable fails the task before anything starts, with a message naming it.
AIRFLOW_SETTINGS = Settings(
    landing=Jinja("var.value.hoso_landing"),
    warehouse=Jinja("var.value.hoso_warehouse"),
    config=Jinja("var.value.hoso_config"),
)
#: The launcher (bash runner) and the cluster jar (spark runner).
AIRFLOW_LAUNCHER = Jinja("var.value.hoso_launcher")
AIRFLOW_JAR = Jinja("var.value.hoso_jar")
#: The Variable that holds the secret. Its name contains "secret", so Airflow masks its value in task logs. It is
#: read when the task runs, by the operator itself (hoso_tasks), never through a template: a templated field is
#: shown rendered by ``airflow tasks render``, the UI's "Rendered Template" and the stored rendered fields.
SECRET_VARIABLE = "hoso_pseudonym_secret"
#: Exit code of the hoso CLI when the data-quality gate fails (vn.hoso.cli.Main.EXIT_QUALITY). The same input fails
#: the same way, so the task fails at once instead of being retried.
EXIT_QUALITY = 3


# --- Building the commands. -----------------------------------------------------------------------------------

def stage_argv(stage: str, dates: Dates, settings: Settings) -> List[Value]:
    """The CLI arguments of one stage (after the launcher, or after the jar under spark-submit)."""
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}; the stages are {', '.join(STAGES)}")
    argv: List[Value] = [stage]
    if stage == "publish":
        argv += dates.publish_args()
    else:
        argv += dates.args()
        argv += ["--landing", settings.landing]
    argv += ["--warehouse", settings.warehouse, "--config", settings.config]
    return argv


def report_argv(period: Value, settings: Settings) -> List[Value]:
    """The monthly report: the province's and every unit's, written into <warehouse>/reports/<period>/."""
    return ["report", "--period", period, "--all-units", "--warehouse", settings.warehouse, "--config", settings.config]


def stage_env(stage: str, secret: str) -> Dict[str, str]:
    """The environment a stage needs beyond the worker's: the secret, for the stages that pseudonymise."""
    return {SECRET_ENV: secret} if stage in SECRET_STAGES else {}


def shell_word(value: Value) -> str:
    return value.shell_template() if isinstance(value, Jinja) else shlex.quote(value)


def bash_command(launcher: Value, argv: List[Value]) -> str:
    """The bash command of a stage: the launcher and its arguments, each one shell word."""
    return " ".join(shell_word(v) for v in [launcher, *argv])


def arg_list(argv: List[Value]) -> List[str]:
    """The arguments as a list (SparkSubmitOperator's application_args): no shell, so no quoting."""
    return [v.template() if isinstance(v, Jinja) else v for v in argv]

