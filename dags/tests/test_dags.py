"""The command lines of the hoso DAGs through the real launcher. Standard library unittest; no Airflow needed.

Every command line the DAGs run, built by ``hoso_commands`` for a sample night, range and full rebuild with real
paths (in a folder whose name has a space and a quote), is run through ``./hoso`` with ``--dry-run``: each must
exit 0 and plan the sample dates. Broken commands (unknown subcommand, unknown option, a typo in hoso_commands)
must fail. test_airflow.py checks, against a real Airflow, that the loaded DAGs run exactly these commands.

Run with the others: ``dags/tests/run.sh``. This file alone: ``python3 -m unittest dags/tests/test_dags.py``
(``HOSO_NO_BUILD=1`` when target/ is built).
"""
from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path
from unittest import mock

DAGS = Path(__file__).resolve().parents[1]
ROOT = DAGS.parent
LAUNCHER = ROOT / "hoso"
if str(DAGS) not in sys.path:
    sys.path.insert(0, str(DAGS))

import hoso_commands as hc  # noqa: E402

#: The kind of run of each DAG (test_airflow.py checks that the loaded DAGs build their tasks from these).
DAG_DATES = {"hoso_nightly": hc.NIGHTLY, "hoso_backfill": hc.BACKFILL, "hoso_rebuild": hc.REBUILD}

#: The sample: export date D, and a range.
SAMPLE_DATE = "2024-03-05"
SAMPLE_RANGE = ("2024-03-01", "2024-03-07")
SECRET = "test-secret-not-for-production"


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
    """(dag id, stage, bash command, env) of every task of the DAGs, for the sample, through hoso_commands."""
    out = []
    for dag_id, template in DAG_DATES.items():
        if dag_ids and dag_id not in dag_ids:
            continue
        for stage in hc.STAGES:
            argv = hc.stage_argv(stage, concrete_dates(template), concrete_settings())
            out.append((dag_id, stage, hc.bash_command(str(LAUNCHER), argv), hc.stage_env(stage, SECRET)))
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


# --- Every command line, through the real CLI ------------------------------------------------------------

class CommandLineTest(unittest.TestCase):
    def test_every_dag_command_passes_the_cli_dry_run(self):
        commands = dag_commands()
        self.assertEqual(len(commands), len(DAG_DATES) * len(hc.STAGES))
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
        for stage in hc.STAGES:
            for dates in (hc.Dates.nightly(SAMPLE_DATE), hc.Dates.between(*SAMPLE_RANGE), hc.Dates.full()):
                argv = hc.stage_argv(stage, dates, concrete_settings())
                self.assertEqual(shlex.split(hc.bash_command(str(LAUNCHER), argv)), [str(LAUNCHER), *hc.arg_list(argv)])


class MonthlyReportCommandTest(unittest.TestCase):
    def test_the_report_command_passes_the_cli_dry_run(self):
        command = hc.bash_command(str(LAUNCHER), hc.report_argv("2024-03", concrete_settings()))
        done = run_dry(command)
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        lines = done.stdout.splitlines()
        self.assertTrue(lines[0].startswith("dry run of hoso report: period 2024-03 (tháng 3/2024 (01/03/2024–31/03/2024)),"
                                            " the province and every unit"), done.stdout)
        self.assertIn(f"output folder:  {os.path.join(WAREHOUSE, 'reports', '2024-03')}", done.stdout)

    def test_a_bad_report_period_fails(self):
        done = run_dry(hc.bash_command(str(LAUNCHER), hc.report_argv("2024-3", concrete_settings())))
        self.assertEqual(done.returncode, 2, done.stdout + done.stderr)
        self.assertIn("bad --period '2024-3'", done.stderr)


if __name__ == "__main__":
    unittest.main()
