"""The DAGs, tested without Airflow (it cannot be installed here): their structure is read with ``ast``,
and every command line they would run is rendered for a sample date and run with ``--dry-run`` through
the real launcher, so the CLI itself decides whether each command is valid."""

import ast
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

DAGS = Path(__file__).resolve().parents[1]
ROOT = DAGS.parent
sys.path.insert(0, str(DAGS))

import hoso_commands as hc  # noqa: E402

DAG_FILES = {"hoso_nightly": "nightly", "hoso_backfill": "backfill", "hoso_rebuild": "rebuild"}
# names Airflow 3 removed, or that do work at import time
FORBIDDEN = {"schedule_interval", "DummyOperator", "days_ago", "provide_context", "SubDagOperator",
             "airflow.operators.dummy", "airflow.operators.bash_operator", "Variable"}


def parse(name):
    return ast.parse((DAGS / (name + ".py")).read_text(encoding="utf-8"))


def dag_call(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.With):
            for item in node.items:
                call = item.context_expr
                if isinstance(call, ast.Call) and getattr(call.func, "id", None) == "DAG":
                    return call, node
    raise AssertionError("no `with DAG(...)` block")


def kwargs(call):
    return {k.arg: k.value for k in call.keywords}


def names_in(tree):
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            out.add(node.id)
        elif isinstance(node, ast.Attribute):
            out.add(node.attr)
        elif isinstance(node, ast.keyword) and node.arg:
            out.add(node.arg)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            out.add(getattr(node, "module", None) or "")
            out.update(a.name for a in node.names)
    return out


def chain(tree):
    """The `a >> b >> c` edges of a module, as (upstream, downstream) names."""
    edges = []

    def operands(node):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.RShift):
            left = operands(node.left)
            right = operands(node.right)
            edges.append((left[-1], right[0]))
            return left + right
        return [node.id if isinstance(node, ast.Name) else ast.dump(node)]

    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.BinOp):
            operands(node.value)
    return edges


class DagStructureTest(unittest.TestCase):
    def test_the_nightly_dag_runs_at_one_in_vietnam_with_catchup_and_one_run_at_a_time(self):
        call, _ = dag_call(parse("hoso_nightly"))
        kw = kwargs(call)
        self.assertEqual(ast.literal_eval(kw["dag_id"]), "hoso_nightly")
        schedule = kw["schedule"]
        self.assertEqual(schedule.func.id, "CronDataIntervalTimetable")
        self.assertEqual(ast.literal_eval(schedule.args[0]), "0 1 * * *")
        self.assertEqual(ast.unparse(kwargs(schedule)["timezone"]), "hc.TIMEZONE")
        self.assertEqual(hc.TIMEZONE, "Asia/Ho_Chi_Minh")
        self.assertIs(ast.literal_eval(kw["catchup"]), True)
        self.assertEqual(ast.literal_eval(kw["max_active_runs"]), 1)
        self.assertIn("nightly", ast.literal_eval(kw["tags"]))
        self.assertIn("01:00 Vietnam time", ast.literal_eval(kw["doc_md"]))
        self.assertEqual(ast.unparse(kw["start_date"]), "START")

    def test_the_manual_dags_have_no_schedule(self):
        for name in ("hoso_backfill", "hoso_rebuild"):
            kw = kwargs(dag_call(parse(name))[0])
            self.assertEqual(ast.literal_eval(kw["dag_id"]), name)
            self.assertIsNone(ast.literal_eval(kw["schedule"]), name)
            self.assertEqual(ast.literal_eval(kw["max_active_runs"]), 1)
            self.assertTrue(ast.literal_eval(kw["doc_md"]).strip(), name)
        params = kwargs(dag_call(parse("hoso_backfill"))[0])["params"]
        self.assertEqual([ast.literal_eval(k) for k in params.keys], ["from", "to"])

    def test_start_date_time_zone_and_retries_are_shared(self):
        tree = parse("hoso_dags")
        src = ast.unparse(tree)
        self.assertIn("pendulum.datetime(2023, 1, 1, tz=hc.TIMEZONE)", src)
        default_args = next(n.value for n in ast.walk(tree) if isinstance(n, ast.Assign)
                            and getattr(n.targets[0], "id", None) == "DEFAULT_ARGS")
        args = {ast.literal_eval(k): v for k, v in zip(default_args.keys, default_args.values)}
        self.assertGreaterEqual(ast.literal_eval(args["retries"]), 1)
        self.assertEqual(ast.unparse(args["retry_delay"]), "timedelta(minutes=10)")
        for name in DAG_FILES:
            self.assertEqual(ast.unparse(kwargs(dag_call(parse(name))[0])["default_args"]), "DEFAULT_ARGS")

    def test_one_task_per_stage_in_order(self):
        tree = parse("hoso_dags")
        self.assertEqual(chain(tree), [("ingest", "check"), ("check", "marts"), ("marts", "publish")])
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", None) == "stage_task"]
        self.assertEqual([ast.literal_eval(c.args[0]) for c in calls], list(hc.STAGES))
        for name in DAG_FILES:
            self.assertIn("chain_stages(hc.date_args(%r))" % DAG_FILES[name], ast.unparse(parse(name)))

    def test_no_api_removed_in_airflow_3_and_no_work_at_import(self):
        for name in list(DAG_FILES) + ["hoso_dags", "hoso_commands"]:
            tree = parse(name)
            self.assertFalse(FORBIDDEN & names_in(tree), name)
            for node in tree.body:  # module level: imports, assignments, defs, try/with blocks only
                self.assertIsInstance(node, (ast.Import, ast.ImportFrom, ast.Assign, ast.FunctionDef, ast.Try,
                                             ast.With, ast.Expr), name)
                if isinstance(node, ast.Expr):
                    self.assertIsInstance(node.value, ast.Constant, name + ": only a docstring may stand alone")
        # the only environment read at parse time: the runner switch and the Spark connection id
        src = (DAGS / "hoso_dags.py").read_text(encoding="utf-8")
        self.assertEqual(src.count("os.environ"), 2)
        self.assertIn('os.environ.get("AIRFLOW_VAR_HOSO_RUNNER", "bash")', src)
        self.assertIn('os.environ.get("AIRFLOW_VAR_HOSO_SPARK_CONN", "spark_default")', src)
        self.assertIn("from airflow.providers.standard.operators.bash import BashOperator", src)
        self.assertIn("from airflow.operators.bash import BashOperator", src)

    def test_paths_come_from_variables_not_from_the_code(self):
        for value in (hc.LANDING, hc.WAREHOUSE, hc.CONFIG, hc.LAUNCHER, hc.JAR):
            self.assertTrue(value.startswith("{{ var.value."), value)
        for name in list(DAG_FILES) + ["hoso_dags", "hoso_commands"]:
            for node in ast.walk(parse(name)):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    self.assertNotRegex(node.value, r"^/(data|opt|home|srv|tmp)/", name)

    def test_backfill_params_are_parsed_as_dates_before_they_reach_a_command(self):
        for template in (hc.BACKFILL_FROM, hc.BACKFILL_TO):
            self.assertRegex(template, r"^\{\{ macros\.datetime\.strptime\(params\['(from|to)'\], '%Y-%m-%d'\)"
                                       r"\.strftime\('%Y-%m-%d'\) \}\}$")

    def test_the_nightly_date_is_the_vietnam_day_of_the_interval_start(self):
        self.assertEqual(hc.NIGHTLY_DATE,
                         "{{ data_interval_start.in_timezone('Asia/Ho_Chi_Minh').strftime('%Y-%m-%d') }}")


def render(template, values):
    """A tiny stand-in for Jinja: only the expressions hoso_commands uses."""
    out = template
    for expr, value in values.items():
        out = out.replace(expr, value)
    if "{{" in out or "{%" in out:
        raise AssertionError("unrendered template left in %r" % out)
    return out


@unittest.skipUnless(shutil.which("java"), "needs java")
class RenderedCommandsTest(unittest.TestCase):
    """Every command the DAGs run, for the sample date 2024-03-04, accepted by the CLI's --dry-run."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="hoso-dags-"))
        cls.landing = cls.tmp / "landing"
        cls.config = cls.tmp / "hoso.yaml"
        cls.config.write_text("spark:\n  master: local[1]\n", encoding="utf-8")
        result = cls.hoso(["generate", "--landing", str(cls.landing), "--dossiers", "300",
                           "--from-year", "2024", "--to-year", "2024"])
        assert result.returncode == 0, result.stderr
        cls.values = {
            hc.NIGHTLY_DATE: "2024-03-04", hc.BACKFILL_FROM: "2024-03-01", hc.BACKFILL_TO: "2024-03-31",
            hc.LANDING: str(cls.landing), hc.WAREHOUSE: str(cls.tmp / "warehouse"), hc.CONFIG: str(cls.config),
            hc.LAUNCHER: str(ROOT / "hoso"),
        }

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @staticmethod
    def hoso(args):
        env = dict(os.environ, HOSO_NO_BUILD=os.environ.get("HOSO_NO_BUILD", "1"),
                   HOSO_PSEUDONYM_SECRET="dag-test-secret", HOSO_JAVA_OPTS="-Xmx512m")
        return subprocess.run([str(ROOT / "hoso")] + args, env=env, capture_output=True, text=True, timeout=300)

    def commands(self):
        for dag, mode in DAG_FILES.items():
            for stage in hc.STAGES:
                yield dag, stage, hc.stage_args(stage, hc.date_args(mode))

    def test_every_rendered_command_passes_the_dry_run(self):
        seen = 0
        for dag, stage, args in self.commands():
            rendered = [render(a, self.values) for a in args]
            with self.subTest(dag=dag, stage=stage):
                r = self.hoso(rendered + ["--dry-run"])
                self.assertEqual(r.returncode, 0, "%s: %s\n%s" % (" ".join(rendered), r.stdout, r.stderr))
                self.assertIn("dry run of hoso " + stage, r.stdout)
                seen += 1
        self.assertEqual(seen, len(DAG_FILES) * len(hc.STAGES))
        self.assertFalse((self.tmp / "warehouse").exists(), "a dry run writes nothing")

    def test_the_bash_command_is_the_launcher_with_quoted_arguments(self):
        args = hc.stage_args("ingest", hc.date_args("nightly"))
        line = render(hc.bash_command(args), self.values)
        self.assertTrue(line.startswith(str(ROOT / "hoso") + " 'ingest' '--date' '2024-03-04' "), line)
        r = subprocess.run(["bash", "-c", line + " --dry-run"], capture_output=True, text=True, timeout=300,
                           env=dict(os.environ, HOSO_NO_BUILD="1", HOSO_PSEUDONYM_SECRET="dag-test-secret",
                                    HOSO_JAVA_OPTS="-Xmx512m"))
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_a_broken_command_fails(self):
        good = [render(a, self.values) for a in hc.stage_args("ingest", hc.date_args("nightly"))]
        typo = ["injest"] + good[1:]
        unknown_option = good + ["--dat", "2024-03-04"]
        bad_date = ["ingest", "--date", "2024-13-04"] + good[3:]
        for broken in (typo, unknown_option, bad_date):
            with self.subTest(args=broken):
                r = self.hoso(broken + ["--dry-run"])
                self.assertNotEqual(r.returncode, 0, " ".join(broken))
                self.assertTrue(r.stderr.strip(), "a broken command says why")
        with self.assertRaises(ValueError):
            hc.stage_args("injest", hc.date_args("nightly"))


if __name__ == "__main__":
    unittest.main()
