"""The hoso DAGs under a real Apache Airflow (the pinned 3.x, and 2.10 for the import check). Run by run.sh.

1. The DAG folder loaded by each Airflow's DagBag with each runner: no import errors; schedule, catchup,
   retries, max_active_runs, params and task order read from the loaded DAG objects; the tasks' templates are
   the commands of hoso_commands (which test_dags.py runs through the launcher with --dry-run).
2. ``airflow dags test`` of hoso_nightly, hoso_backfill (conf from/to) and hoso_rebuild with the bash runner on a
   generated landing zone, each in its own AIRFLOW_HOME with a SQLite database: every task succeeds and the
   published DuckDB file's gold tables equal those of a direct ``./hoso run`` of the same dates.
3. A landing zone built to fail the quality gate: ``check`` fails (without waiting for retries), marts and
   publish do not run, and the marts and the published file are unchanged.
4. The secret is in no rendered command, no task log, no output of ``airflow tasks render``.
5. The spark runner, when ops/cluster/start.sh exists: the nightly submitted through ``spark_default`` to a
   standalone cluster on 127.0.0.1 equals the bash runner's night.
"""
from __future__ import annotations

import concurrent.futures
import hashlib
import json
import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

DAGS = Path(__file__).resolve().parents[1]
ROOT = DAGS.parent
LAUNCHER = ROOT / "hoso"
CLUSTER = ROOT / "ops" / "cluster"
JAR = ROOT / "target" / "hoso-cluster.jar"
if str(DAGS) not in sys.path:
    sys.path.insert(0, str(DAGS))

import hoso_commands as hc  # noqa: E402

AIRFLOW3_BIN = Path(os.environ.get("HOSO_AIRFLOW3_BIN") or Path(sys.executable).parent)
AIRFLOW2_PYTHON = os.environ.get("HOSO_AIRFLOW2_PYTHON")
if not (AIRFLOW3_BIN / "airflow").exists():
    raise RuntimeError(f"no airflow in {AIRFLOW3_BIN}: run dags/tests/run.sh, which installs the pinned Airflow")

DAG_IDS = ["hoso_backfill", "hoso_monthly_report", "hoso_nightly", "hoso_rebuild"]
#: The DAGs that run the four stages (the monthly report DAG runs one report task).
STAGE_DAG_IDS = ["hoso_backfill", "hoso_nightly", "hoso_rebuild"]
SECRET = "airflow-test-secret-7f3a9c"
#: The night the nightly runs load, and the range of the backfill (every export date of the landing zone).
NIGHT = "2025-01-05"
RANGE = ("2025-01-01", "2025-01-08")
#: The nightly run of NIGHT starts at 01:00 Vietnam time the day after; `airflow dags test` takes that run time.
NIGHT_RUN_AFTER = "2025-01-06T01:00:00+07:00"
#: The DAGs' own settings: the runs are checked against them, not against a second copy in the DAG files.
EXPECTED_RETRIES = {"hoso_nightly": (2, 600.0), "hoso_backfill": (1, 600.0), "hoso_rebuild": (1, 600.0)}
TIMINGS = {}
DAG_OF_RUN = {"nightly": "hoso_nightly", "backfill": "hoso_backfill", "rebuild": "hoso_rebuild", "gate": "hoso_nightly"}


def stage_dags(summary):
    """The (dag id, summary) of the DAGs that run the four stages."""
    return [(k, v) for k, v in summary["dags"].items() if k in STAGE_DAG_IDS]


def timed(name, fn, *args):
    started = time.monotonic()
    try:
        return fn(*args)
    finally:
        TIMINGS[name] = round(time.monotonic() - started, 1)


# --- Processes ----------------------------------------------------------------------------------------------

def base_env() -> dict:
    """The environment of every Airflow and launcher process: no HOSO_* or AIRFLOW_* of the caller's."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("HOSO_", "AIRFLOW")) or k in ("HOSO_NO_BUILD", "HOSO_JAVA_OPTS")}
    env.setdefault("HOSO_JAVA_OPTS", "-Xmx512m")
    return env


def run(argv, env, timeout=1200, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in argv], env=env, cwd=cwd or WORK, capture_output=True, text=True,
                          timeout=timeout)


def must(done: subprocess.CompletedProcess, what: str) -> subprocess.CompletedProcess:
    if done.returncode != 0:
        raise AssertionError(f"{what} exited {done.returncode}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done


class AirflowHome:
    """A temporary AIRFLOW_HOME with its own SQLite database, migrated; the hoso Variables in the environment."""

    def __init__(self, name: str, warehouse: str, landing: str, runner: str = "bash", extra=None) -> None:
        self.path = Path(WORK) / "airflow" / name
        self.path.mkdir(parents=True)
        self.warehouse = warehouse
        self.env = {**base_env(),
                    "AIRFLOW_HOME": str(self.path),
                    "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
                    "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
                    "AIRFLOW_VAR_HOSO_RUNNER": runner,
                    "AIRFLOW_VAR_HOSO_LANDING": landing,
                    "AIRFLOW_VAR_HOSO_WAREHOUSE": warehouse,
                    "AIRFLOW_VAR_HOSO_CONFIG": CONFIG,
                    "AIRFLOW_VAR_HOSO_LAUNCHER": str(LAUNCHER),
                    "AIRFLOW_VAR_HOSO_JAR": str(JAR),
                    "AIRFLOW_VAR_HOSO_PSEUDONYM_SECRET": SECRET,
                    **(extra or {})}
        self.outputs = []
        started = time.monotonic()
        must(self.airflow("db", "migrate"), f"airflow db migrate in {self.path}")
        TIMINGS.setdefault("airflow db migrate", round(time.monotonic() - started, 1))

    def airflow(self, *args, timeout=1800) -> subprocess.CompletedProcess:
        done = run([AIRFLOW3_BIN / "airflow", *args], self.env, timeout=timeout)
        self.outputs.append(done.stdout + done.stderr)
        return done

    def task_states(self, dag_id: str) -> dict:
        with sqlite3.connect(self.path / "airflow.db") as db:
            return dict(db.execute("SELECT task_id, state FROM task_instance WHERE dag_id = ?", (dag_id,)))

    def logs(self) -> str:
        """Every task log file under AIRFLOW_HOME/logs, and everything the CLI printed."""
        texts = [p.read_text(errors="replace") for p in (self.path / "logs").rglob("*") if p.is_file()] \
            if (self.path / "logs").exists() else []
        return "\n".join(texts + self.outputs)


def direct_run(warehouse: str, *dates) -> None:
    """The reference: ``./hoso run`` of those dates, without Airflow."""
    env = {**base_env(), hc.SECRET_ENV: SECRET}
    must(run([LAUNCHER, "run", *dates, "--landing", LANDING, "--warehouse", warehouse, "--config", CONFIG], env),
         f"hoso run {' '.join(dates)}")


# --- The published file --------------------------------------------------------------------------------------

def published(warehouse: str) -> Path:
    return Path(warehouse) / "hoso.duckdb"


def gold_tables(warehouse: str) -> list:
    return sorted(p.name for p in (Path(warehouse) / "gold").iterdir() if p.is_dir())


def differences(left: str, right: str) -> dict:
    """Per gold table, the rows of one published file missing from the other (EXCEPT ALL, both ways)."""
    import duckdb

    db = duckdb.connect()
    db.execute(f"ATTACH {sql_string(published(left))} AS l (READ_ONLY)")
    db.execute(f"ATTACH {sql_string(published(right))} AS r (READ_ONLY)")
    out = {}
    for table in gold_tables(left):
        only_left = db.execute(f"SELECT count(*) FROM (FROM l.{table} EXCEPT ALL FROM r.{table})").fetchall()[0][0]
        only_right = db.execute(f"SELECT count(*) FROM (FROM r.{table} EXCEPT ALL FROM l.{table})").fetchall()[0][0]
        rows = db.execute(f"SELECT count(*) FROM l.{table}").fetchall()[0][0]
        if only_left or only_right:
            out[table] = f"{only_left} rows only in {left}, {only_right} only in {right} (of {rows})"
    db.close()
    return out


def sql_string(path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def tree_digest(folder: Path) -> str:
    """A digest of every file's path and bytes under a folder."""
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(folder)).encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


# --- The runs, made once for the module, two at a time ---------------------------------------------------

WORK = CONFIG = LANDING = BAD_LANDING = None
RESULTS = {}


def generate(landing: str, *extra) -> None:
    must(run([LAUNCHER, "generate", "--landing", landing, "--dossiers", "4000", "--from-year", "2025",
              "--to-year", "2025", "--until", RANGE[1], *extra], base_env()), "hoso generate")


def nightly_bash():
    home = AirflowHome("nightly", os.path.join(WORK, "wh-nightly"), LANDING)
    done = home.airflow("dags", "test", "hoso_nightly", NIGHT_RUN_AFTER)
    render = home.airflow("tasks", "render", "hoso_nightly", "ingest", NIGHT_RUN_AFTER)
    return home, done, render


def backfill():
    home = AirflowHome("backfill", os.path.join(WORK, "wh-backfill"), LANDING)
    conf = json.dumps({"from": RANGE[0], "to": RANGE[1]})
    return home, home.airflow("dags", "test", "hoso_backfill", "-c", conf)


def rebuild():
    home = AirflowHome("rebuild", os.path.join(WORK, "wh-rebuild"), LANDING)
    return home, home.airflow("dags", "test", "hoso_rebuild")


def failing_gate(reference_night):
    """A published warehouse (a copy of the direct night's), then the nightly on a landing built to fail."""
    reference_night.result()
    warehouse = os.path.join(WORK, "wh-gate")
    shutil.copytree(os.path.join(WORK, "ref-night"), warehouse)
    before = (tree_digest(Path(warehouse) / "gold"), hashlib.sha256(published(warehouse).read_bytes()).hexdigest())
    home = AirflowHome("gate", warehouse, BAD_LANDING)
    started = time.monotonic()
    done = home.airflow("dags", "test", "hoso_nightly", NIGHT_RUN_AFTER)
    after = (tree_digest(Path(warehouse) / "gold"), hashlib.sha256(published(warehouse).read_bytes()).hexdigest())
    return home, done, before, after, time.monotonic() - started


def setUpModule():
    global WORK, CONFIG, LANDING, BAD_LANDING
    started = time.monotonic()
    # A space and a quote in every path: the rendered commands must quote them.
    WORK = tempfile.mkdtemp(prefix="hoso airflow's ")
    CONFIG = os.path.join(WORK, "hoso.yaml")
    with open(CONFIG, "w", encoding="utf-8") as f:
        f.write(f"targets: {json.dumps(str(ROOT / 'targets'))}\n"
                "spark:\n  conf:\n    spark.sql.shuffle.partitions: 2\n    spark.ui.enabled: false\n")
    LANDING = os.path.join(WORK, "landing")
    BAD_LANDING = os.path.join(WORK, "landing-bad")
    generate(LANDING)
    generate(BAD_LANDING, "--bad-rate", "0.3")
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        jobs = {
            "ref-night": pool.submit(timed, "direct run --date", direct_run, os.path.join(WORK, "ref-night"),
                                     "--date", NIGHT),
            "nightly": pool.submit(timed, "dags test hoso_nightly", nightly_bash),
            "ref-range": pool.submit(timed, "direct run --from --to", direct_run, os.path.join(WORK, "ref-range"),
                                     "--from", RANGE[0], "--to", RANGE[1]),
            "backfill": pool.submit(timed, "dags test hoso_backfill", backfill),
            "rebuild": pool.submit(timed, "dags test hoso_rebuild", rebuild),
        }
        jobs["gate"] = pool.submit(timed, "dags test hoso_nightly (failing gate)", failing_gate, jobs["ref-night"])
        for name, job in jobs.items():
            try:
                RESULTS[name] = job.result()
            except Exception as e:  # reported by the tests that need it
                RESULTS[name] = e
    TIMINGS["all bash-runner runs"] = round(time.monotonic() - started, 1)


def tearDownModule():
    print("\ntest_airflow timings (s): " + json.dumps(TIMINGS), file=sys.stderr)
    if WORK:
        shutil.rmtree(WORK, ignore_errors=True)


def result(name):
    value = RESULTS[name]
    if isinstance(value, BaseException):
        raise AssertionError(f"the {name} run could not be made: {value}") from value
    return value


# --- 1. The DagBag of each Airflow -------------------------------------------------------------------------

def dagbag_summary(python: str, runner: str) -> dict:
    home = tempfile.mkdtemp(prefix="hoso-dagbag-")
    try:
        env = {**base_env(), "AIRFLOW_HOME": home, "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
               "AIRFLOW__CORE__LOAD_EXAMPLES": "False", "AIRFLOW_VAR_HOSO_RUNNER": runner}
        out = os.path.join(home, "summary.json")
        must(run([python, DAGS / "tests" / "dagbag_summary.py", NIGHT_RUN_AFTER, out], env, timeout=600,
                 cwd=home), f"dagbag_summary.py with {python}, runner {runner}")
        with open(out, encoding="utf-8") as f:
            return json.load(f)
    finally:
        shutil.rmtree(home, ignore_errors=True)


class DagBagChecks:
    """What the loaded DAG objects must be, on any Airflow (mixed into one test case per version)."""

    python = None
    version_prefix = None

    def summary(self, runner):
        key = (self.python, runner)
        if key not in _summaries:
            _summaries[key] = dagbag_summary(self.python, runner)
        return _summaries[key]

    def test_every_dag_file_imports_with_no_errors_with_either_runner(self):
        for runner in ("bash", "spark"):
            with self.subTest(runner=runner):
                s = self.summary(runner)
                self.assertTrue(s["airflow"].startswith(self.version_prefix), s["airflow"])
                self.assertEqual(s["import_errors"], {})
                self.assertEqual(sorted(s["dags"]), DAG_IDS)

    def test_nightly_schedule_catchup_and_run_settings(self):
        d = self.summary("bash")["dags"]["hoso_nightly"]
        self.assertEqual(d["timetable"], "CronDataIntervalTimetable")
        self.assertEqual(d["timetable_args"], {"expression": hc.NIGHTLY_CRON, "timezone": hc.TIMEZONE})
        self.assertIs(d["catchup"], True)
        self.assertEqual(d["max_active_runs"], 1)
        # 2025-01-01 00:00 in Vietnam.
        self.assertEqual(d["start_date"], "2024-12-31T17:00:00+00:00")
        # The run at 01:00 on D+1 (Vietnam) covers the interval that starts at 01:00 on D: 18:00 UTC on D-1.
        self.assertEqual(d["manual_interval_start"], "2025-01-04T18:00:00+00:00")

    def test_monthly_report_runs_once_a_month_for_the_month_before_through_the_launcher(self):
        for runner in ("bash", "spark"):
            with self.subTest(runner=runner):
                d = self.summary(runner)["dags"]["hoso_monthly_report"]
                self.assertEqual(d["timetable"], "CronDataIntervalTimetable")
                self.assertEqual(d["timetable_args"], {"expression": hc.REPORT_CRON, "timezone": hc.TIMEZONE})
                self.assertIs(d["catchup"], False)
                self.assertEqual(d["max_active_runs"], 1)
                # run after 06 Jan 2025 (Vietnam): the last run covers December 2024, from 1 Dec 06:00 Vietnam time
                self.assertEqual(d["manual_interval_start"], "2024-11-30T23:00:00+00:00")
                self.assertEqual(list(d["tasks"]), ["report"])
                task = d["tasks"]["report"]
                self.assertIn("BashOperator", task["operator"], "the report starts no Spark: the launcher with either runner")
                argv = hc.report_argv(hc.REPORT_PERIOD, hc.AIRFLOW_SETTINGS)
                self.assertEqual(task["fields"]["bash_command"], hc.bash_command(hc.AIRFLOW_LAUNCHER, argv))
                self.assertIn("--all-units", task["fields"]["bash_command"])
                self.assertEqual(task["retries"], 1)

    def test_manual_dags_have_no_schedule_and_one_run_at_a_time(self):
        for dag_id in ("hoso_backfill", "hoso_rebuild"):
            with self.subTest(dag_id):
                d = self.summary("bash")["dags"][dag_id]
                self.assertEqual(d["timetable"], "NullTimetable")
                self.assertIs(d["catchup"], False)
                self.assertEqual(d["max_active_runs"], 1)
        params = self.summary("bash")["dags"]["hoso_backfill"]["params"]
        self.assertEqual(sorted(params), ["from", "to"])
        for schema in params.values():
            self.assertEqual((schema["type"], schema["format"]), ("string", "date"))

    def test_four_stages_in_order_each_retried(self):
        for runner in ("bash", "spark"):
            for dag_id, d in stage_dags(self.summary(runner)):
                with self.subTest(runner=runner, dag=dag_id):
                    self.assertEqual(d["order"], list(hc.STAGES))
                    upstream = {t: task["upstream"] for t, task in d["tasks"].items()}
                    self.assertEqual(upstream, {"ingest": [], "check": ["ingest"], "marts": ["check"],
                                                "publish": ["marts"]})
                    for task in d["tasks"].values():
                        self.assertEqual(task["trigger_rule"], "all_success")
                        self.assertEqual((task["retries"], task["retry_delay_s"]), EXPECTED_RETRIES[dag_id])

    def test_bash_tasks_run_the_commands_of_hoso_commands(self):
        import test_dags

        for dag_id, d in stage_dags(self.summary("bash")):
            for stage, task in d["tasks"].items():
                with self.subTest(dag=dag_id, stage=stage):
                    self.assertIn("BashOperator", task["operator"])
                    argv = hc.stage_argv(stage, test_dags.DAG_DATES[dag_id], hc.AIRFLOW_SETTINGS)
                    self.assertEqual(task["fields"]["bash_command"], hc.bash_command(hc.AIRFLOW_LAUNCHER, argv))
                    self.assertIs(task["fields"]["append_env"], True)
                    self.assertFalse(task["fields"]["env"], "the secret is not a template field")
                    self.assertNotIn("secret", json.dumps(task["fields"]))

    def test_spark_tasks_submit_the_cluster_jar_through_the_connection(self):
        import test_dags

        for dag_id, d in stage_dags(self.summary("spark")):
            for stage, task in d["tasks"].items():
                with self.subTest(dag=dag_id, stage=stage):
                    f = task["fields"]
                    self.assertIn("SparkSubmitOperator", task["operator"])
                    self.assertEqual(f["conn_id"], "spark_default")
                    self.assertEqual(f["java_class"], hc.MAIN_CLASS)
                    self.assertEqual(f["application"], hc.AIRFLOW_JAR.template())
                    self.assertEqual(f["name"], f"hoso-{stage}")
                    self.assertIsNone(f["deploy_mode"], "the deploy mode is the connection's")
                    argv = hc.stage_argv(stage, test_dags.DAG_DATES[dag_id], hc.AIRFLOW_SETTINGS)
                    self.assertEqual(f["application_args"], hc.arg_list(argv))
                    self.assertFalse(f["env_vars"], "the secret is not a template field")

    def test_an_unknown_runner_is_an_import_error_naming_the_variable(self):
        s = self.summary("kubernetes")
        self.assertEqual(sorted(s["import_errors"]), ["hoso_backfill.py", "hoso_monthly_report.py", "hoso_nightly.py", "hoso_rebuild.py"])
        for error in s["import_errors"].values():
            self.assertIn("AIRFLOW_VAR_HOSO_RUNNER must be one of bash, spark", error)


_summaries = {}


class Airflow3DagBagTest(DagBagChecks, unittest.TestCase):
    python = str(AIRFLOW3_BIN / "python")
    version_prefix = "3."


@unittest.skipUnless(AIRFLOW2_PYTHON, "HOSO_AIRFLOW2_PYTHON is not set (run.sh installs Airflow 2.10 and sets it)")
class Airflow2DagBagTest(DagBagChecks, unittest.TestCase):
    python = AIRFLOW2_PYTHON
    version_prefix = "2.10."


# --- 2. The DAGs run by Airflow, against direct runs ---------------------------------------------------------

def assert_run_succeeded(test: unittest.TestCase, home: AirflowHome, done, dag_id: str) -> None:
    """`airflow dags test` exited 0 and every task of its run succeeded."""
    test.assertEqual(done.returncode, 0, done.stdout[-3000:] + done.stderr[-3000:])
    test.assertEqual(home.task_states(dag_id), {s: "success" for s in hc.STAGES},
                     done.stdout[-3000:] + done.stderr[-3000:])


class DagRunTest(unittest.TestCase):
    def assert_run_published_the_reference(self, name, planned, reference):
        """The run succeeded, loaded what it was meant to (its log says so), and published the figures of the
        direct run named ``reference``."""
        home, done = result(name)[:2]
        assert_run_succeeded(self, home, done, DAG_OF_RUN[name])
        result(reference)
        self.assertIn(planned, home.logs())
        tables = gold_tables(home.warehouse)
        self.assertTrue({"kpi", "procedure_priority", "plan_scorecard"} <= set(tables), tables)
        self.assertEqual(gold_tables(os.path.join(WORK, reference)), tables)
        self.assertEqual(differences(home.warehouse, os.path.join(WORK, reference)), {})

    def test_nightly_runs_the_four_stages_and_publishes_the_direct_runs_figures(self):
        self.assert_run_published_the_reference("nightly", f"nightly {NIGHT}", "ref-night")

    def test_backfill_with_from_and_to_publishes_the_direct_runs_figures(self):
        self.assert_run_published_the_reference("backfill", f"backfill {RANGE[0]}..{RANGE[1]}", "ref-range")

    def test_rebuild_publishes_the_figures_of_every_export_date(self):
        # The landing zone's export dates are exactly RANGE, so a full rebuild equals the direct run of RANGE.
        self.assert_run_published_the_reference("rebuild", "full", "ref-range")

    def test_a_failing_quality_gate_fails_check_and_leaves_the_marts_and_the_published_file(self):
        home, done, before, after, seconds = result("gate")
        states = home.task_states("hoso_nightly")
        self.assertEqual(states, {"ingest": "success", "check": "failed", "marts": "upstream_failed",
                                  "publish": "upstream_failed"}, done.stdout[-3000:] + done.stderr[-3000:])
        self.assertIn("data-quality gate failed", home.logs())
        self.assertEqual(after, before, "the marts or the published file changed")
        # Not retried: the nightly's retry delay would have held the run for ten minutes.
        self.assertLess(seconds, EXPECTED_RETRIES["hoso_nightly"][1])


# --- 3. The secret -----------------------------------------------------------------------------------------

class SecretTest(unittest.TestCase):
    def test_the_secret_is_in_no_rendered_command_task_log_or_render_output(self):
        home, done, render = result("nightly")
        self.assertEqual(render.returncode, 0, render.stdout + render.stderr)
        # The real rendering: the command is the one hoso_commands builds for that night, with the real paths.
        argv = hc.stage_argv("ingest", hc.Dates.nightly(NIGHT),
                             hc.Settings(landing=LANDING, warehouse=home.warehouse, config=CONFIG))
        self.assertIn(hc.bash_command(str(LAUNCHER), argv), render.stdout)
        self.assertNotIn(SECRET, render.stdout + render.stderr)
        for name in ("nightly", "backfill", "rebuild", "gate"):
            with self.subTest(name):
                home = result(name)[0]
                logs = home.logs()
                self.assertEqual(home.task_states(DAG_OF_RUN[name])["ingest"], "success")
                self.assertIn("Pipeline: run", logs, "the task logs were not read")
                self.assertNotIn(SECRET, logs)


# --- 4. The spark runner -----------------------------------------------------------------------------------

def spark_submit_folder(spark_home: str) -> str:
    """The folder of the spark-submit the operator runs from the PATH: the Spark home's own, or, for a Spark
    home of jars only (ops/cluster lays one out from Maven), a script that runs SparkSubmit on those jars with
    what a site's spark-defaults.conf would hold: the JVM flags Spark needs on Java 17, the driver on 127.0.0.1."""
    if Path(spark_home, "bin", "spark-submit").exists():
        return str(Path(spark_home, "bin"))
    folder = Path(WORK, "spark-bin")
    folder.mkdir(exist_ok=True)
    flags = " ".join(line for line in (ROOT / "jvm.flags").read_text().splitlines()
                     if line.strip() and not line.startswith("#"))
    script = folder / "spark-submit"
    script.write_text(f"""#!/usr/bin/env bash
export SPARK_HOME={shlex.quote(spark_home)} SPARK_LOCAL_IP=127.0.0.1
exec java -Xmx1g {flags} -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit \\
  --conf spark.driver.host=127.0.0.1 --conf {shlex.quote("spark.executor.extraJavaOptions=" + flags)} "$@"
""")
    script.chmod(0o755)
    return str(folder)


@unittest.skipUnless((CLUSTER / "start.sh").exists(), "ops/cluster/start.sh is not in this checkout")
class SparkRunnerTest(unittest.TestCase):
    def test_the_spark_runner_submits_to_the_cluster_and_its_night_equals_the_bash_runners(self):
        self.assertTrue(JAR.exists(), f"{JAR} is missing: build it with mvn -DskipTests package")
        state = os.path.join(WORK, "cluster")
        os.makedirs(state)
        started = time.monotonic()
        must(run([CLUSTER / "start.sh", state], base_env(), timeout=600), "ops/cluster/start.sh")
        try:
            master = Path(state, "master-url").read_text().strip()
            spark_home = Path(state, "spark-home").read_text().strip()
            scheme_host, port = master.rsplit(":", 1)
            connection = json.dumps({"conn_type": "spark", "host": scheme_host, "port": int(port),
                                     "extra": {"deploy-mode": "client"}})
            env = {"AIRFLOW_CONN_SPARK_DEFAULT": connection, "SPARK_HOME": spark_home,
                   "PATH": f"{spark_submit_folder(spark_home)}:{os.environ['PATH']}"}
            home = AirflowHome("spark", os.path.join(WORK, "wh-spark"), LANDING, runner="spark", extra=env)
            done = home.airflow("dags", "test", "hoso_nightly", NIGHT_RUN_AFTER)
        finally:
            stopped = run([CLUSTER / "stop.sh", state], base_env(), timeout=300)
            TIMINGS["spark runner nightly, with the cluster"] = round(time.monotonic() - started, 1)
        must(stopped, "ops/cluster/stop.sh")
        assert_run_succeeded(self, home, done, "hoso_nightly")
        logs = home.logs()
        self.assertIn(master, logs)
        self.assertNotIn(SECRET, logs)
        self.assertEqual(differences(home.warehouse, result("nightly")[0].warehouse), {})


if __name__ == "__main__":
    unittest.main()
