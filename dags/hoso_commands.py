"""The command lines of hoso's Airflow tasks, in one place (standard library only).

The DAG files build every task from ``stage_args``; the tests render the same lists for a sample date
and run each with ``--dry-run`` through the real CLI, so a command the CLI would reject fails a test.
"""

TIMEZONE = "Asia/Ho_Chi_Minh"
STAGES = ("ingest", "check", "marts", "publish")

# The export date a nightly run loads: the Vietnam-local day of the data interval's start. The nightly
# DAG runs at 01:00 Vietnam time with a CronDataIntervalTimetable, so the run that starts on D+1 01:00
# covers [D 01:00, D+1 01:00) and loads date=D. ``{{ ds }}`` is not used: it is the logical date in UTC
# (D-1 for 01:00 at UTC+7), and Airflow 3's default cron timetable moves the logical date to the run time.
NIGHTLY_DATE = "{{ data_interval_start.in_timezone('" + TIMEZONE + "').strftime('%Y-%m-%d') }}"
# The backfill params are parsed as dates while rendering: a value that is not YYYY-MM-DD fails the task
# before anything runs, and nothing but a date can reach the shell.
BACKFILL_FROM = "{{ macros.datetime.strptime(params['from'], '%Y-%m-%d').strftime('%Y-%m-%d') }}"
BACKFILL_TO = "{{ macros.datetime.strptime(params['to'], '%Y-%m-%d').strftime('%Y-%m-%d') }}"

# Where paths come from: Airflow Variables, read when a task renders, never at import time.
LANDING = "{{ var.value.hoso_landing }}"
WAREHOUSE = "{{ var.value.hoso_warehouse }}"
CONFIG = "{{ var.value.hoso_config }}"
LAUNCHER = "{{ var.value.hoso_home }}/hoso"
JAR = "{{ var.value.hoso_jar }}"
MAIN_CLASS = "vn.hoso.cli.Main"


def date_args(mode, date=NIGHTLY_DATE, start=BACKFILL_FROM, end=BACKFILL_TO):
    """The date options of a run: 'nightly' (one export date), 'backfill' (a range) or 'rebuild' (--full)."""
    if mode == "nightly":
        return ["--date", date]
    if mode == "backfill":
        return ["--from", start, "--to", end]
    if mode == "rebuild":
        return ["--full"]
    raise ValueError("unknown mode %r" % (mode,))


def stage_args(stage, dates, landing=LANDING, warehouse=WAREHOUSE, config=CONFIG):
    """The CLI arguments of one stage (without the launcher or jar). ``publish`` takes no date range."""
    if stage not in STAGES:
        raise ValueError("unknown stage %r" % (stage,))
    args = [stage]
    if stage == "publish":
        if dates[:1] == ["--date"]:
            args += dates
    else:
        args += dates + ["--landing", landing]
    return args + ["--warehouse", warehouse, "--config", config]


def bash_command(args, launcher=LAUNCHER):
    """A shell command for BashOperator; every argument is quoted after Jinja renders it."""
    return " ".join([launcher] + ["'%s'" % a for a in args])
