#!/usr/bin/env bash
# The DAG tests, against a real Apache Airflow: makes (or reuses) the pinned virtual environments, then runs
# every test of dags/tests with the Airflow 3 one's Python. Called by `mvn verify` (execution dag-tests); alone:
#   dags/tests/run.sh            (HOSO_NO_BUILD=1 when target/ is built; extra arguments go to unittest)
# The environments live in ~/.cache/hoso/airflow<N>-<hash of the lock file> (HOSO_AIRFLOW_CACHE to move them),
# outside the repository; one whose lock file changed is a new folder. Installing needs the Python package
# index: without it (or if pip fails) this exits 1 with a message, it never skips the tests.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."
cache=${HOSO_AIRFLOW_CACHE:-$HOME/.cache/hoso}

fail() { echo "dags/tests/run.sh: $*" >&2; exit 1; }

python=${HOSO_AIRFLOW_PYTHON:-}
if [ -z "$python" ]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
      python=$candidate; break
    fi
  done
fi
[ -n "$python" ] || fail "Python 3.11 is needed (the lock files are for it); set HOSO_AIRFLOW_PYTHON to one"

# ensure_venv NAME LOCK: prints the environment's folder, installing it first when it is missing or incomplete.
ensure_venv() {
  local name=$1 lock=$2 hash dir started
  hash=$(sha256sum "$lock" | cut -c1-12)
  dir=$cache/$name-$hash
  if [ -f "$dir/.complete" ]; then echo "$dir"; return; fi
  started=$(date +%s)
  echo "dags/tests/run.sh: installing $name into $dir (pinned by $lock)..." >&2
  rm -rf "$dir"
  mkdir -p "$cache"
  "$python" -m venv "$dir" || fail "could not make a virtual environment with $python"
  if ! "$dir/bin/pip" install -q --disable-pip-version-check --no-deps -r "$lock" >&2; then
    rm -rf "$dir"
    fail "installing $name from $lock failed (is the Python package index reachable?); the DAG tests did not run"
  fi
  "$dir/bin/pip" check >&2 || { rm -rf "$dir"; fail "$name: pip check found broken requirements in $lock"; }
  touch "$dir/.complete"
  echo "dags/tests/run.sh: $name installed in $(( $(date +%s) - started )) s" >&2
  echo "$dir"
}

# The two installs side by side (each is mostly waiting for downloads).
airflow2_dir=$(mktemp)
trap 'rm -f "$airflow2_dir"' EXIT
ensure_venv airflow2 dags/tests/requirements-airflow2.lock >"$airflow2_dir" &
airflow2_pid=$!
airflow3=$(ensure_venv airflow3 dags/tests/requirements-airflow3.lock)
wait "$airflow2_pid" || exit 1
airflow2=$(cat "$airflow2_dir")
export HOSO_AIRFLOW2_PYTHON=$airflow2/bin/python
export HOSO_AIRFLOW3_BIN=$airflow3/bin
exec "$airflow3/bin/python" -m unittest discover -s dags/tests -t dags/tests -v "$@"
