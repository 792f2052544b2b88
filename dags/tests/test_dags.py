"""Tests of the hoso Airflow DAGs, without Airflow (it cannot be installed here). Standard library unittest.

1. The DAG files, read with ``ast``: schedule and time zone, start date, catchup, retries, max_active_runs,
   tags, doc_md, task ids and their ``>>`` chain; no API that Airflow 3 removed; no work at import time.
2. Every command line the DAGs run, rendered through ``hoso_commands`` for a sample date with real paths, and
   run through the real launcher (``./hoso``) with ``--dry-run``: each must exit 0. Broken commands (unknown
   subcommand, unknown option, a typo in hoso_commands) must fail.
3. The DAG files imported against stand-ins of Airflow 2.9's, 3.0's and 3.1's modules (both runners), their
   task templates rendered with Jinja for a sample run (when jinja2 is installed): the rendered commands must be
   the ones that passed in 2.

Run alone: ``python3 -m unittest discover -s dags/tests -v`` (``HOSO_NO_BUILD=1`` when target/ is built).
"""
from __future__ import annotations

import ast
import builtins
import datetime as dt
import importlib.util
import os
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import types
import unittest
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

try:
    import jinja2
except ImportError:  # the rendering tests are skipped; everything else runs
    jinja2 = None

DAGS = Path(__file__).resolve().parents[1]
ROOT = DAGS.parent
LAUNCHER = ROOT / "hoso"
if str(DAGS) not in sys.path:
    sys.path.insert(0, str(DAGS))

import hoso_commands as hc  # noqa: E402

DAG_FILES = {
    "hoso_nightly": DAGS / "hoso_nightly.py",
    "hoso_backfill": DAGS / "hoso_backfill.py",
    "hoso_rebuild": DAGS / "hoso_rebuild.py",
}
#: Every Python file Airflow may load from dags/ (the DAG files and the modules they import).
DAG_FOLDER_MODULES = sorted(p for p in DAGS.glob("*.py"))
EXPECTED_TASKS = ["ingest", "check", "marts", "publish"]
EXPECTED_EDGES = [("ingest", "check"), ("check", "marts"), ("marts", "publish")]
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")

#: The sample: export date D, whose nightly run starts at 01:00 on D+1 in Vietnam.
SAMPLE_DATE = "2024-03-05"
SAMPLE_RANGE = ("2024-03-01", "2024-03-07")
SECRET = "test-secret-not-for-production"


# --- Reading the DAG files -----------------------------------------------------------------------------------

class DagFile:
    """A DAG file read with ast: the DAG(...) keywords, the stage tasks and the >> edges."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.source = path.read_text(encoding="utf-8")
        self.tree = ast.parse(self.source, filename=str(path))
        self.docstring = ast.get_docstring(self.tree)
        withs = [n for n in self.tree.body if isinstance(n, ast.With)
                 and isinstance(n.items[0].context_expr, ast.Call)
                 and _name(n.items[0].context_expr.func) == "DAG"]
        if len(withs) != 1:
            raise AssertionError(f"{path.name}: expected one top-level 'with DAG(...) as dag:' block")
        self.with_node = withs[0]
        self.call = self.with_node.items[0].context_expr
        self.kwargs = {k.arg: k.value for k in self.call.keywords}
        self.tasks = {}  # variable -> (stage, dates attribute name)
        self.edges = []
        for stmt in self.with_node.body:
            if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call) \
                    and _name(stmt.value.func) == "hoso_tasks.stage_task":
                stage, dates = stmt.value.args
                self.tasks[stmt.targets[0].id] = (stage.value, _name(dates))
            elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.BinOp):
                chain = _rshift_chain(stmt.value)
                self.edges += list(zip(chain, chain[1:]))

    def value(self, key):
        return evaluate(self.kwargs[key], self)

    def task_ids(self):
        return [stage for stage, _ in self.tasks.values()]

    def task_edges(self):
        return [(self.tasks[a][0], self.tasks[b][0]) for a, b in self.edges]


def _name(node) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return _name(node.value) + "." + node.attr
    return ""


def _rshift_chain(node) -> list:
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.RShift):
        return _rshift_chain(node.left) + _rshift_chain(node.right)
    if isinstance(node, ast.Name):
        return [node.id]
    raise AssertionError(f"unexpected dependency expression: {ast.dump(node)}")


class Unknown:
    def __init__(self, node) -> None:
        self.text = ast.unparse(node)

    def __repr__(self) -> str:
        return f"<not a constant: {self.text}>"


def evaluate(node, dag_file: DagFile):
    """The value of a DAG keyword, as far as it is static: constants, hoso_commands.X and known calls."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, (ast.List, ast.Tuple)):
        return [evaluate(e, dag_file) for e in node.elts]
    if isinstance(node, ast.Dict):
        return {evaluate(k, dag_file): evaluate(v, dag_file) for k, v in zip(node.keys, node.values)}
    if isinstance(node, ast.Name) and node.id == "__doc__":
        return dag_file.docstring
    if isinstance(node, ast.Attribute) and _name(node.value) == "hoso_commands":
        return getattr(hc, node.attr)
    if isinstance(node, ast.Call):
        func = _name(node.func)
        args = [evaluate(a, dag_file) for a in node.args]
        kwargs = {k.arg: evaluate(k.value, dag_file) for k in node.keywords}
        if func in ("timedelta", "datetime.timedelta"):
            return dt.timedelta(*args, **kwargs)
        if func == "pendulum.datetime":
            tz = kwargs.pop("tz")
            return dt.datetime(*args, **kwargs, tzinfo=ZoneInfo(tz))
        if func in ("CronDataIntervalTimetable", "Param"):
            return (func, args, kwargs)
    return Unknown(node)


# --- Running the CLI ---------------------------------------------------------------------------------------

_ran = {}


def cli_env(extra=None) -> dict:
    """The worker's environment as a task sees it: no HOSO_* settings except what the command passes."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("HOSO_") or k in ("HOSO_NO_BUILD", "HOSO_JAVA_OPTS", "HOSO_DEBUG")}
    env.setdefault("HOSO_JAVA_OPTS", "-Xmx512m")
    env.update(extra or {})
    return env


def run_dry(command: str, env=None) -> subprocess.CompletedProcess:
    """Runs a bash command line with --dry-run appended, as a BashOperator would (bash -c, another cwd)."""
    key = (command, tuple(sorted((env or {}).items())))
    if key not in _ran:
        _ran[key] = subprocess.run(["bash", "-c", command + " --dry-run"], env=cli_env(env), cwd=WORK,
                                   capture_output=True, text=True, timeout=600)
    return _ran[key]


WORK = None  # a temporary folder with a space and a quote in its name, set up once


def setUpModule():
    global WORK, LANDING, WAREHOUSE, CONFIG
    WORK = tempfile.mkdtemp(prefix="hoso dag's ")
    LANDING = os.path.join(WORK, "landing")
    WAREHOUSE = os.path.join(WORK, "warehouse")
    CONFIG = os.path.join(WORK, "hoso.yaml")
    with open(CONFIG, "w", encoding="utf-8") as f:
        f.write(f"targets: {ROOT / 'targets'}\n")
    done = subprocess.run([str(LAUNCHER), "generate", "--landing", LANDING, "--dossiers", "300",
                           "--from-year", "2024", "--to-year", "2024"],
                          env=cli_env(), cwd=WORK, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        raise RuntimeError(f"hoso generate failed ({done.returncode}): {done.stderr[-2000:]}")


def tearDownModule():
    if WORK:
        shutil.rmtree(WORK, ignore_errors=True)


def concrete_settings() -> hc.Settings:
    return hc.Settings(landing=LANDING, warehouse=WAREHOUSE, config=CONFIG)


def concrete_dates(template: hc.Dates) -> hc.Dates:
    """The sample dates in place of a DAG's templates, by kind."""
    return {"date": hc.Dates.nightly(SAMPLE_DATE),
            "range": hc.Dates.between(*SAMPLE_RANGE),
            "full": hc.Dates.full()}[template.mode]


def dag_commands(dag_ids=None):
    """(dag id, stage, bash command, env) of every task of the DAG files, for the sample, through hoso_commands."""
    out = []
    for dag_id, path in DAG_FILES.items():
        if dag_ids and dag_id not in dag_ids:
            continue
        for stage, dates_name in DagFile(path).tasks.values():
            dates = concrete_dates(getattr(hc, dates_name.split(".")[-1]))
            argv = hc.stage_argv(stage, dates, concrete_settings())
            env = hc.env_dict(hc.stage_env(stage, SECRET))
            out.append((dag_id, stage, hc.bash_command(str(LAUNCHER), argv), env))
    return out


def dry_run_failures(dag_ids=None):
    """What the main test checks: every DAG command accepted by the CLI. Returns the failures."""
    failures = []
    try:
        commands = dag_commands(dag_ids)
    except Exception as e:  # a command that cannot even be built
        return [f"building the commands failed: {e!r}"]
    for dag_id, stage, command, env in commands:
        done = run_dry(command, env)
        first = done.stdout.splitlines()[0] if done.stdout else ""
        if done.returncode != 0 or not first.startswith(f"dry run of hoso {stage}"):
            failures.append(f"{dag_id}.{stage}: exit {done.returncode}: {command}\n{done.stdout}{done.stderr}")
    return failures


# --- 1. The DAG files, statically ---------------------------------------------------------------------------

class DagStructureTest(unittest.TestCase):
    def test_nightly_schedule_time_zone_and_run_settings(self):
        d = DagFile(DAG_FILES["hoso_nightly"])
        self.assertEqual(d.value("dag_id"), "hoso_nightly")
        self.assertEqual(d.value("schedule"),
                         ("CronDataIntervalTimetable", ["0 1 * * *"], {"timezone": "Asia/Ho_Chi_Minh"}))
        self.assertNotIn("schedule_interval", d.kwargs)
        start = d.value("start_date")
        self.assertIsInstance(start, dt.datetime, "start_date must be a fixed pendulum.datetime(...)")
        self.assertEqual(start.tzinfo, VIETNAM)
        self.assertIs(d.value("catchup"), True)
        self.assertEqual(d.value("max_active_runs"), 1)

    def test_manual_dags_have_no_schedule(self):
        for dag_id in ("hoso_backfill", "hoso_rebuild"):
            with self.subTest(dag_id):
                d = DagFile(DAG_FILES[dag_id])
                self.assertEqual(d.value("dag_id"), dag_id)
                self.assertIn("schedule", d.kwargs)
                self.assertIsNone(d.value("schedule"))
                self.assertIsInstance(d.value("start_date"), dt.datetime)
                self.assertEqual(d.value("start_date").tzinfo, VIETNAM)
                self.assertIs(d.value("catchup"), False)
                self.assertEqual(d.value("max_active_runs"), 1)

    def test_backfill_params_from_and_to(self):
        params = DagFile(DAG_FILES["hoso_backfill"]).value("params")
        self.assertEqual(sorted(params), ["from", "to"])
        for name, (func, _, kwargs) in params.items():
            self.assertEqual(func, "Param")
            self.assertEqual((kwargs["type"], kwargs["format"]), ("string", "date"), name)
        self.assertEqual(hc.BACKFILL.args(), ["--from", hc.Jinja('params["from"]'), "--to", hc.Jinja('params["to"]')])

    def test_every_dag_retries_with_a_delay_has_tags_doc_and_the_shell_quote_filter(self):
        for dag_id, path in DAG_FILES.items():
            with self.subTest(dag_id):
                d = DagFile(path)
                args = d.value("default_args")
                self.assertGreaterEqual(args["retries"], 1)
                self.assertIsInstance(args["retry_delay"], dt.timedelta)
                self.assertGreater(args["retry_delay"], dt.timedelta(0))
                tags = d.value("tags")
                self.assertIn("hoso", tags)
                self.assertTrue(all(isinstance(t, str) for t in tags))
                doc = d.value("doc_md")
                self.assertIsInstance(doc, str)
                self.assertIn(f"# {dag_id.replace('_', ' ')}", doc)
                self.assertIs(d.value("user_defined_filters"), hc.JINJA_FILTERS)

    def test_task_ids_and_dependencies(self):
        self.assertEqual(list(hc.STAGES), EXPECTED_TASKS)
        kinds = {"hoso_nightly": "hoso_commands.NIGHTLY", "hoso_backfill": "hoso_commands.BACKFILL",
                 "hoso_rebuild": "hoso_commands.REBUILD"}
        for dag_id, path in DAG_FILES.items():
            with self.subTest(dag_id):
                d = DagFile(path)
                self.assertEqual(d.task_ids(), EXPECTED_TASKS)
                self.assertEqual(sorted(d.task_edges()), sorted(EXPECTED_EDGES))
                self.assertEqual({dates for _, dates in d.tasks.values()}, {kinds[dag_id]})
                self.assertEqual(list(d.tasks), EXPECTED_TASKS, "one variable per task, named after it")

    def test_nightly_date_template_is_the_interval_start_in_vietnam_time(self):
        self.assertEqual(hc.NIGHTLY.args(), ["--date", hc.NIGHTLY_DATE])
        self.assertEqual(hc.NIGHTLY_DATE.expr,
                         'data_interval_start.in_timezone("Asia/Ho_Chi_Minh").strftime("%Y-%m-%d")')


# Airflow 3 removed these (or they never belonged in a DAG file). Keyword arguments:
REMOVED_KEYWORDS = {"schedule_interval", "timetable", "provide_context", "concurrency", "task_concurrency", "sla",
                    "sla_miss_callback", "fail_stop", "default_view", "orientation", "full_filepath",
                    "execution_date", "use_dill"}
# Names anywhere in the code:
REMOVED_NAMES = {"DummyOperator", "SubDagOperator", "days_ago", "Variable", "get_connection", "SubDag",
                 "PythonVirtualenvOperator"}
# Modules that are gone in Airflow 3:
REMOVED_MODULES = ("airflow.operators.dummy", "airflow.operators.subdag", "airflow.utils.dates", "airflow.contrib",
                   "airflow.operators.dummy_operator", "airflow.operators.bash_operator", "airflow.models.variable")
# Modules that moved in Airflow 3: allowed only as the fallback of a try/except ImportError.
MOVED_MODULES = ("airflow.operators.", "airflow.sensors.", "airflow.hooks.", "airflow.models", "airflow.timetables.")
# Template variables removed from the context in Airflow 3.
REMOVED_TEMPLATE_VARS = ("execution_date", "next_ds", "prev_ds", "tomorrow_ds", "yesterday_ds",
                         "next_execution_date", "prev_execution_date", "conf.", "dag_run.execution_date")
# Calls that do work (I/O, database, network, processes, the clock) when a file is imported.
WORK_CALLS = {"open", "Variable.get", "Variable.set", "Connection.get", "BaseHook.get_connection", "os.system",
              "os.popen", "os.listdir", "os.scandir", "os.walk", "os.makedirs", "os.mkdir", "os.remove",
              "time.sleep", "datetime.now", "datetime.utcnow", "datetime.today", "pendulum.now", "pendulum.today",
              "input", "print", "exec", "eval"}
WORK_MODULES = ("subprocess", "socket", "requests", "urllib", "http", "sqlalchemy", "glob", "shutil", "pathlib",
                "psycopg2", "boto3")


class AirflowThreeSafetyTest(unittest.TestCase):
    def test_dag_folder_has_the_three_dags_and_their_helpers(self):
        self.assertEqual([p.name for p in DAG_FOLDER_MODULES],
                         ["hoso_backfill.py", "hoso_commands.py", "hoso_nightly.py", "hoso_rebuild.py", "hoso_tasks.py"])

    def test_no_api_removed_in_airflow_3(self):
        for path in DAG_FOLDER_MODULES:
            with self.subTest(path.name):
                tree = ast.parse(path.read_text(encoding="utf-8"))
                fallbacks = _import_fallback_nodes(tree)
                for node in ast.walk(tree):
                    if isinstance(node, ast.keyword):
                        self.assertNotIn(node.arg, REMOVED_KEYWORDS, f"line {node.value.lineno}")
                    if isinstance(node, ast.Name):
                        self.assertNotIn(node.id, REMOVED_NAMES, f"line {node.lineno}")
                    if isinstance(node, ast.Attribute):
                        self.assertNotIn(node.attr, REMOVED_NAMES, f"line {node.lineno}")
                    for module in _imported_modules(node):
                        self.assertFalse(module.startswith(REMOVED_MODULES), f"line {node.lineno}: {module}")
                        if module.startswith(MOVED_MODULES) or (module == "airflow" and _imports(node, "DAG")):
                            self.assertIn(node, fallbacks, f"line {node.lineno}: import of {module} needs a "
                                                           "try/except ImportError with the Airflow 3 path first")
                    if isinstance(node, ast.Constant) and isinstance(node.value, str) and "{{" in node.value:
                        for var in REMOVED_TEMPLATE_VARS:
                            self.assertNotIn(var, node.value, f"line {node.lineno}")
        templates = (hc.NIGHTLY_DATE, *hc.BACKFILL.args()[1::2], hc.AIRFLOW_LAUNCHER, hc.AIRFLOW_JAR, hc.AIRFLOW_SECRET,
                     hc.AIRFLOW_SETTINGS.landing, hc.AIRFLOW_SETTINGS.warehouse, hc.AIRFLOW_SETTINGS.config)
        for expr in templates:
            for var in REMOVED_TEMPLATE_VARS:
                self.assertNotIn(var, expr.expr)

    def test_no_work_at_import_time(self):
        for path in DAG_FOLDER_MODULES:
            with self.subTest(path.name):
                tree = ast.parse(path.read_text(encoding="utf-8"))
                for node in ast.walk(tree):
                    if isinstance(node, ast.Call):
                        name = _name(node.func)
                        self.assertNotIn(name, WORK_CALLS, f"line {node.lineno}: {name}()")
                        self.assertFalse(name.endswith((".read_text", ".read_bytes", ".write_text", ".exists",
                                                        ".iterdir", ".glob", ".open")),
                                         f"line {node.lineno}: {name}()")
                    for module in _imported_modules(node):
                        self.assertFalse(module.split(".")[0] in WORK_MODULES, f"line {node.lineno}: {module}")

    def test_runner_is_chosen_from_the_environment_only(self):
        tree = ast.parse((DAGS / "hoso_tasks.py").read_text(encoding="utf-8"))
        reads = [ast.unparse(n.args[0]) for n in ast.walk(tree)
                 if isinstance(n, ast.Call) and _name(n.func) == "os.environ.get"]
        self.assertEqual(sorted(reads), ["'AIRFLOW_VAR_HOSO_POOL'", "'AIRFLOW_VAR_HOSO_RUNNER'",
                                         "'AIRFLOW_VAR_HOSO_SPARK_CONN_ID'"])


def _imported_modules(node):
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if isinstance(node, ast.ImportFrom):
        return [node.module or ""]
    return []


def _imports(node, name):
    return isinstance(node, ast.ImportFrom) and any(a.name == name for a in node.names)


def _import_fallback_nodes(tree):
    """Imports inside 'except ImportError' handlers of a try whose body imports the Airflow 3 path."""
    allowed = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Try):
            continue
        body_modules = [m for stmt in node.body for n in ast.walk(stmt) for m in _imported_modules(n)]
        if not any(m.startswith(("airflow.sdk", "airflow.providers.standard")) for m in body_modules):
            continue
        for handler in node.handlers:
            if _name(handler.type) in ("ImportError", "ModuleNotFoundError"):
                allowed += [n for stmt in handler.body for n in ast.walk(stmt)]
    return allowed


# --- 2. Every command line, through the real CLI ------------------------------------------------------------

class CommandLineTest(unittest.TestCase):
    def test_every_dag_command_passes_the_cli_dry_run(self):
        commands = dag_commands()
        self.assertEqual(len(commands), len(DAG_FILES) * len(EXPECTED_TASKS))
        self.assertEqual(dry_run_failures(), [])

    def test_the_dry_runs_plan_the_sample_dates(self):
        for dag_id, stage, command, env in dag_commands():
            first = run_dry(command, env).stdout.splitlines()[0]
            with self.subTest(f"{dag_id}.{stage}"):
                if stage == "publish":
                    self.assertEqual(first, "dry run of hoso publish: arguments and inputs are valid; nothing was started")
                elif dag_id == "hoso_nightly":
                    self.assertIn(f"hoso {stage} for nightly {SAMPLE_DATE}:", first)
                elif dag_id == "hoso_backfill":
                    self.assertIn(f"hoso {stage} for backfill {SAMPLE_RANGE[0]}..{SAMPLE_RANGE[1]}:", first)
                else:
                    self.assertIn(f"hoso {stage} for full:", first)

    def test_commands_carry_the_paths_and_the_secret_only_in_the_environment(self):
        for dag_id, stage, command, env in dag_commands():
            with self.subTest(f"{dag_id}.{stage}"):
                words = shlex.split(command)
                self.assertEqual(words[:2], [str(LAUNCHER), stage])
                self.assertEqual(words[words.index("--warehouse") + 1], WAREHOUSE)
                self.assertEqual(words[words.index("--config") + 1], CONFIG)
                self.assertNotIn("--demo-secret", words)
                self.assertNotIn(SECRET, command)
                self.assertEqual(env, {"HOSO_PSEUDONYM_SECRET": SECRET} if stage == "ingest" else {})
                out = run_dry(command, env).stdout
                if stage == "ingest":
                    self.assertIn(f"landing:        {LANDING}", out)
                    self.assertIn("secret:         from the environment", out)

    def test_ingest_without_the_secret_fails(self):
        command = dag_commands(["hoso_nightly"])[0][2]
        done = run_dry(command, {})
        self.assertEqual(done.returncode, 2, done.stdout + done.stderr)
        self.assertIn("HOSO_PSEUDONYM_SECRET", done.stderr)

    def test_an_unknown_subcommand_fails(self):
        argv = hc.stage_argv("ingest", hc.Dates.nightly(SAMPLE_DATE), concrete_settings())
        done = run_dry(hc.bash_command(str(LAUNCHER), ["injest", *argv[1:]]), {hc.SECRET_ENV: SECRET})
        self.assertEqual(done.returncode, 2, done.stdout + done.stderr)
        self.assertIn("injest", done.stderr)

    def test_an_unknown_option_fails(self):
        argv = hc.stage_argv("marts", hc.Dates.nightly(SAMPLE_DATE), concrete_settings())
        argv[argv.index("--landing")] = "--landng"
        done = run_dry(hc.bash_command(str(LAUNCHER), argv))
        self.assertEqual(done.returncode, 2, done.stdout + done.stderr)
        self.assertIn("--landng", done.stderr)

    def test_a_bad_date_fails(self):
        argv = hc.stage_argv("check", hc.Dates.nightly("2024-02-30"), concrete_settings())
        done = run_dry(hc.bash_command(str(LAUNCHER), argv))
        self.assertEqual(done.returncode, 2, done.stdout + done.stderr)

    def test_the_main_test_catches_a_typo_in_hoso_commands(self):
        # A subcommand misspelt where hoso_commands builds the command: the CLI rejects it.
        real = hc.stage_argv

        def misspelt(stage, dates, settings):
            argv = real(stage, dates, settings)
            return ["injest" if a == "ingest" else a for a in argv]

        with mock.patch.object(hc, "stage_argv", misspelt):
            failures = dry_run_failures(["hoso_nightly"])
        self.assertEqual(len(failures), 1, failures)
        self.assertTrue(failures[0].startswith("hoso_nightly.ingest: exit 2"), failures[0])
        # The stage list itself misspelt: the DAGs' tasks no longer build.
        with mock.patch.object(hc, "STAGES", ("injest", "check", "marts", "publish")):
            self.assertNotEqual(dry_run_failures(["hoso_nightly"]), [])
        # An option misspelt: every stage that passes it fails.
        with mock.patch.object(hc.Dates, "args", lambda self: ["--dat", SAMPLE_DATE]):
            self.assertEqual(len(dry_run_failures(["hoso_nightly"])), 3)

    def test_bash_words_and_argument_lists_are_the_same_arguments(self):
        for stage in EXPECTED_TASKS:
            for dates in (hc.Dates.nightly(SAMPLE_DATE), hc.Dates.between(*SAMPLE_RANGE), hc.Dates.full()):
                argv = hc.stage_argv(stage, dates, concrete_settings())
                self.assertEqual(shlex.split(hc.bash_command(str(LAUNCHER), argv)), [str(LAUNCHER), *hc.arg_list(argv)])


# --- 3. The DAG files imported against stand-ins of Airflow, and their templates rendered --------------------

class _StubDAG:
    stack = []

    def __init__(self, dag_id=None, **kwargs):
        self.dag_id = dag_id
        self.kwargs = kwargs
        self.tasks = {}

    def __enter__(self):
        _StubDAG.stack.append(self)
        return self

    def __exit__(self, *exc):
        _StubDAG.stack.pop()


class _StubOperator:
    def __init__(self, *, task_id, **kwargs):
        self.task_id = task_id
        self.kwargs = kwargs
        self.downstream = []
        dag = _StubDAG.stack[-1]
        assert task_id not in dag.tasks, task_id
        dag.tasks[task_id] = self

    def __rshift__(self, other):
        self.downstream.append(other.task_id)
        return other


class _StubBashOperator(_StubOperator):
    pass


class _StubSparkSubmitOperator(_StubOperator):
    pass


class _StubParam:
    def __init__(self, default=None, **kwargs):
        self.default = default
        self.schema = kwargs


class _StubCronDataIntervalTimetable:
    def __init__(self, cron, timezone):
        self.cron = cron
        self.timezone = timezone


def _module(name, package=False, **attrs):
    m = types.ModuleType(name)
    if package:
        m.__path__ = []
    m.__dict__.update(attrs)
    return m


def _pendulum():
    return _module("pendulum", datetime=lambda *a, tz, **kw: dt.datetime(*a, **kw, tzinfo=ZoneInfo(tz)))


def _packages(*names):
    mods = {}
    for name in names:
        parts = name.split(".")
        for i in range(1, len(parts)):
            mods.setdefault(".".join(parts[:i]), _module(".".join(parts[:i]), package=True))
    return mods


SPARK = "airflow.providers.apache.spark.operators.spark_submit"
BASH3 = "airflow.providers.standard.operators.bash"
AIRFLOW_LAYOUTS = {
    # Airflow 2.9: no airflow.sdk, no standard provider.
    "2.9": lambda: {**_packages("airflow.models.param", "airflow.operators.bash", "airflow.timetables.interval", SPARK),
                    "airflow": _module("airflow", package=True, DAG=_StubDAG),
                    "airflow.models.param": _module("airflow.models.param", Param=_StubParam),
                    "airflow.operators.bash": _module("airflow.operators.bash", BashOperator=_StubBashOperator),
                    "airflow.timetables.interval": _module("airflow.timetables.interval",
                                                           CronDataIntervalTimetable=_StubCronDataIntervalTimetable),
                    SPARK: _module(SPARK, SparkSubmitOperator=_StubSparkSubmitOperator)},
    # Airflow 3.0: airflow.sdk without the timetables; no airflow.operators.bash; `from airflow import DAG` unused.
    "3.0": lambda: {**_packages("airflow.sdk", "airflow.timetables.interval", BASH3, SPARK),
                    "airflow.sdk": _module("airflow.sdk", DAG=_StubDAG, Param=_StubParam),
                    "airflow.timetables.interval": _module("airflow.timetables.interval",
                                                           CronDataIntervalTimetable=_StubCronDataIntervalTimetable),
                    BASH3: _module(BASH3, BashOperator=_StubBashOperator),
                    SPARK: _module(SPARK, SparkSubmitOperator=_StubSparkSubmitOperator)},
    # Airflow 3.1+: the timetables in airflow.sdk too.
    "3.1": lambda: {**_packages("airflow.sdk", BASH3, SPARK),
                    "airflow.sdk": _module("airflow.sdk", DAG=_StubDAG, Param=_StubParam,
                                           CronDataIntervalTimetable=_StubCronDataIntervalTimetable),
                    BASH3: _module(BASH3, BashOperator=_StubBashOperator),
                    SPARK: _module(SPARK, SparkSubmitOperator=_StubSparkSubmitOperator)},
}


def _no_io(*args, **kwargs):
    raise AssertionError("a DAG file did I/O, started a process or opened a socket at import time")


def import_dags(layout: str, runner: str):
    """Imports the three DAG files against one layout of stand-in Airflow modules; returns {dag_id: _StubDAG}."""
    modules = {**AIRFLOW_LAYOUTS[layout](), "pendulum": _pendulum()}
    dags = {}
    with mock.patch.dict(sys.modules, modules), \
            mock.patch.dict(os.environ, {"AIRFLOW_VAR_HOSO_RUNNER": runner}), \
            mock.patch.object(builtins, "open", _no_io), mock.patch.object(subprocess, "Popen", _no_io), \
            mock.patch.object(socket, "socket", _no_io):
        os.environ.pop("AIRFLOW_VAR_HOSO_SPARK_CONN_ID", None)
        os.environ.pop("AIRFLOW_VAR_HOSO_POOL", None)
        sys.modules.pop("hoso_tasks", None)
        for dag_id, path in DAG_FILES.items():
            spec = importlib.util.spec_from_file_location(f"_dag_{dag_id}_{layout.replace('.', '_')}_{runner}", path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            dags[dag_id] = module.dag
        sys.modules.pop("hoso_tasks", None)
    return dags


class ImportTest(unittest.TestCase):
    def test_dags_import_on_airflow_2_9_3_0_and_3_1_with_either_runner(self):
        for layout in AIRFLOW_LAYOUTS:
            for runner, operator in (("bash", _StubBashOperator), ("spark", _StubSparkSubmitOperator)):
                with self.subTest(layout=layout, runner=runner):
                    dags = import_dags(layout, runner)
                    self.assertEqual(sorted(dags), sorted(DAG_FILES))
                    for dag_id, dag in dags.items():
                        self.assertEqual(dag.dag_id, dag_id)
                        self.assertEqual(list(dag.tasks), EXPECTED_TASKS)
                        self.assertTrue(all(type(t) is operator for t in dag.tasks.values()))
                        edges = [(t.task_id, d) for t in dag.tasks.values() for d in t.downstream]
                        self.assertEqual(edges, EXPECTED_EDGES)
                    schedule = dags["hoso_nightly"].kwargs["schedule"]
                    self.assertIsInstance(schedule, _StubCronDataIntervalTimetable)
                    self.assertEqual((schedule.cron, schedule.timezone), ("0 1 * * *", "Asia/Ho_Chi_Minh"))
                    self.assertEqual(sorted(dags["hoso_backfill"].kwargs["params"]), ["from", "to"])

    def test_an_unknown_runner_fails_the_parse_with_a_message(self):
        with self.assertRaisesRegex(ValueError, "AIRFLOW_VAR_HOSO_RUNNER must be one of bash, spark"):
            import_dags("3.1", "kubernetes")

    def test_spark_tasks_submit_the_cluster_jar_through_the_connection(self):
        for dag in import_dags("3.1", "spark").values():
            for stage, task in dag.tasks.items():
                with self.subTest(dag=dag.dag_id, stage=stage):
                    kw = task.kwargs
                    self.assertEqual(kw["conn_id"], "spark_default")
                    self.assertEqual(kw["java_class"], "vn.hoso.cli.Main")
                    self.assertEqual(kw["application"], "{{ var.value.hoso_jar }}")
                    self.assertEqual(kw["name"], f"hoso-{stage}")
                    self.assertNotIn("master", kw)
                    self.assertNotIn("deploy_mode", kw)


class FakeDateTime:
    """What a template sees of pendulum.DateTime: in_timezone() and strftime()."""

    def __init__(self, value: dt.datetime):
        self.value = value

    def in_timezone(self, tz: str) -> "FakeDateTime":
        return FakeDateTime(self.value.astimezone(ZoneInfo(tz)))

    def strftime(self, fmt: str) -> str:
        return self.value.strftime(fmt)


class _Accessor:
    """``var.value``: attribute access raises for a missing Variable, like Airflow's."""

    def __init__(self, values):
        self._values = values

    def __getattr__(self, key):
        if key.startswith("_"):
            raise AttributeError(key)
        if key not in self._values:
            raise KeyError(f"Variable {key} does not exist")
        return self._values[key]

    def get(self, key, default=None):
        return self._values.get(key, default)


def nightly_context(export_date: str) -> dict:
    """The template context of the nightly run for export date D: CronDataIntervalTimetable('0 1 * * *', VN)
    starts it at 01:00 on D+1 in Vietnam, with the interval [D 01:00, D+1 01:00) in UTC, as Airflow passes it."""
    start = dt.datetime.fromisoformat(export_date).replace(hour=1, tzinfo=VIETNAM).astimezone(dt.timezone.utc)
    return {"data_interval_start": FakeDateTime(start),
            "data_interval_end": FakeDateTime(start + dt.timedelta(days=1)),
            "logical_date": FakeDateTime(start),
            "ds": start.strftime("%Y-%m-%d")}


@unittest.skipUnless(jinja2, "jinja2 is not installed: the templates are not rendered")
class RenderTest(unittest.TestCase):
    def variables(self):
        return {"var": types.SimpleNamespace(value=_Accessor({
            "hoso_landing": LANDING, "hoso_warehouse": WAREHOUSE, "hoso_config": CONFIG,
            "hoso_launcher": str(LAUNCHER), "hoso_jar": str(ROOT / "target" / "hoso-cluster.jar"),
            "hoso_pseudonym_secret": SECRET}))}

    def context(self, dag_id):
        ctx = self.variables()
        ctx["params"] = {}
        if dag_id == "hoso_nightly":
            ctx.update(nightly_context(SAMPLE_DATE))
        if dag_id == "hoso_backfill":
            ctx["params"] = {"from": SAMPLE_RANGE[0], "to": SAMPLE_RANGE[1]}
        return ctx

    def render(self, dag, template, ctx):
        env = jinja2.Environment(undefined=jinja2.StrictUndefined)
        env.filters.update(dag.kwargs["user_defined_filters"])
        if isinstance(template, list):
            return [env.from_string(t).render(**ctx) for t in template]
        if isinstance(template, dict):
            return {k: env.from_string(v).render(**ctx) for k, v in template.items()}
        return env.from_string(template).render(**ctx)

    def test_nightly_date_is_the_day_before_the_run_in_vietnam_time_not_ds(self):
        dag = import_dags("3.1", "bash")["hoso_nightly"]
        template = hc.NIGHTLY_DATE.template()
        for export_date in ("2024-03-05", "2024-12-31", "2025-01-01", "2024-02-29"):
            with self.subTest(export_date):
                ctx = nightly_context(export_date)
                self.assertEqual(self.render(dag, template, ctx), export_date)
                # {{ ds }} is the UTC date of the interval start: the day before.
                self.assertEqual(ctx["ds"], (dt.date.fromisoformat(export_date) - dt.timedelta(days=1)).isoformat())

    def test_rendered_bash_tasks_are_the_commands_that_passed_the_dry_run(self):
        expected = {(d, s): (c, e) for d, s, c, e in dag_commands()}
        for layout in AIRFLOW_LAYOUTS:
            for dag_id, dag in import_dags(layout, "bash").items():
                ctx = self.context(dag_id)
                for stage, task in dag.tasks.items():
                    with self.subTest(layout=layout, dag=dag_id, stage=stage):
                        command = self.render(dag, task.kwargs["bash_command"], ctx)
                        env = self.render(dag, task.kwargs["env"] or {}, ctx)
                        self.assertIs(task.kwargs["append_env"], True)
                        self.assertEqual((command, env), expected[(dag_id, stage)])
                        done = run_dry(command, env)
                        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)

    def test_rendered_spark_tasks_pass_the_same_arguments(self):
        expected = {(d, s): (c, e) for d, s, c, e in dag_commands()}
        for dag_id, dag in import_dags("3.1", "spark").items():
            ctx = self.context(dag_id)
            for stage, task in dag.tasks.items():
                with self.subTest(dag=dag_id, stage=stage):
                    args = self.render(dag, task.kwargs["application_args"], ctx)
                    env = self.render(dag, task.kwargs["env_vars"] or {}, ctx)
                    self.assertEqual(self.render(dag, task.kwargs["application"], ctx),
                                     str(ROOT / "target" / "hoso-cluster.jar"))
                    # spark-submit hands application_args to vn.hoso.cli.Main as they are: the same argv as the
                    # launcher gets, so the same dry run applies.
                    command = shlex.join([str(LAUNCHER), *args])
                    self.assertEqual((command, env), expected[(dag_id, stage)])
                    done = run_dry(command, env)
                    self.assertEqual(done.returncode, 0, done.stdout + done.stderr)

    def test_a_missing_variable_fails_the_render_with_its_name(self):
        dag = import_dags("3.1", "bash")["hoso_nightly"]
        ctx = self.context("hoso_nightly")
        del ctx["var"].value._values["hoso_warehouse"]
        with self.assertRaisesRegex(KeyError, "hoso_warehouse"):
            self.render(dag, dag.tasks["check"].kwargs["bash_command"], ctx)

    def test_values_are_shell_quoted_when_rendered(self):
        dag = import_dags("3.1", "bash")["hoso_backfill"]
        ctx = self.context("hoso_backfill")
        ctx["params"] = {"from": "2024-01-01; touch /tmp/x", "to": "2024-01-02"}
        command = self.render(dag, dag.tasks["ingest"].kwargs["bash_command"], ctx)
        self.assertIn("--from '2024-01-01; touch /tmp/x' --to 2024-01-02", command)
        self.assertIn("'" + LANDING.replace("'", "'\"'\"'") + "'", command)


if __name__ == "__main__":
    unittest.main()
