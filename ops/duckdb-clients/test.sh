#!/usr/bin/env bash
# The analysts' clients against a published hoso.duckdb: the Python duckdb package at the latest 1.x and at
# 2.x, and @duckdb/node-api 1.5.x, each open the file read-only and run every query of sql/analyst/ with its
# parameter sets (params.json); all must give the same rows, every query at least one. Also checks that
# the file declares the configured storage version, and that a file in DuckDB 2's own format (latest)
# does NOT open in the 1.x client (which is why the setting exists).
#
#   ops/duckdb-clients/test.sh [hoso.duckdb]
#
# Without a file it generates a small sample and publishes it (./hoso generate, run --full); mvn verify
# gives it the file the cluster test published (target/cluster-test/on-cluster/hoso.duckdb). The control
# needs the warehouse beside the file (its gold/ folder), and is left out without one. The clients
# are installed once, outside the repository, under ${HOSO_CACHE:-~/.cache/hoso}/duckdb-clients/, and
# reused while they match the pins below. An install that fails fails the test.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

# the pins: the newest 1.x and 2.x of the Python package and the newest 1.5 of the Node client (PyPI, npm)
PY_DUCKDB_VERSIONS="1.5.6 2.0.1"
NODE_API_VERSION="1.5.6-r.1"

# all in one function: bash has read the whole of it before it runs, so editing this file meanwhile is safe
main() {
  fail() { echo "duckdb clients: FAILED: $*" >&2; exit 1; }
  cache="${HOSO_CACHE:-$HOME/.cache/hoso}/duckdb-clients"
  work=$(mktemp -d "${TMPDIR:-/tmp}/hoso-duckdb-clients.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$cache"

  # --- the file ------------------------------------------------------------------------------------------
  hoso() { HOSO_NO_BUILD="${HOSO_NO_BUILD:-}" HOSO_JAVA_OPTS="${HOSO_JAVA_OPTS:--Xmx2g}" "$root/hoso" "$@"; }
  if [ $# -ge 1 ]; then
    db="$1"
    [ -f "$db" ] || fail "no file $db"
    warehouse="$(cd "$(dirname "$db")" && pwd)"
  else
    echo "duckdb clients: publishing a small generated sample" >&2
    hoso generate --landing "$work/landing" --from-year 2024 --to-year 2025 --dossiers 1500 --seed 11 --bad-rate 0.01 \
      >"$work/generate.log" 2>&1 || { tail -20 "$work/generate.log" >&2; fail "hoso generate"; }
    warehouse="$work/warehouse"
    hoso run --full --demo-secret --landing "$work/landing" --warehouse "$warehouse" >"$work/run.log" 2>&1 ||
      { tail -20 "$work/run.log" >&2; fail "hoso run"; }
    db="$warehouse/hoso.duckdb"
  fi
  expected_version=$(hoso publish --warehouse "$warehouse" --db "$db" --dry-run |
    sed -n 's/^ *duckdb storage *:\{0,1\} *\(v[0-9.]*\|latest\).*/\1/p' | head -1)
  [ -n "$expected_version" ] || fail "cannot read the configured DuckDB storage version from hoso publish --dry-run"

  # --- the clients ----------------------------------------------------------------------------------------
  pythons=()
  for v in $PY_DUCKDB_VERSIONS; do
    venv="$cache/py-duckdb-$v"
    if ! "$venv/bin/python" -c "import duckdb, sys; sys.exit(duckdb.__version__ != '$v')" 2>/dev/null; then
      echo "duckdb clients: installing Python duckdb==$v in $venv" >&2
      rm -rf "$venv"
      { python3 -m venv "$venv" && "$venv/bin/pip" install -q --disable-pip-version-check "duckdb==$v"; } >"$work/pip-$v.log" 2>&1 ||
        { tail -5 "$work/pip-$v.log" >&2; rm -rf "$venv"; fail "cannot install the Python package duckdb==$v (network? see above)"; }
    fi
    pythons+=("$venv/bin/python")
  done
  node_dir="$cache/node-api-$NODE_API_VERSION"
  command -v node >/dev/null || fail "node is not on the PATH (needed for @duckdb/node-api)"
  if [ "$(node -p "try { require('$node_dir/node_modules/@duckdb/node-api/package.json').version } catch (e) { '' }")" != "$NODE_API_VERSION" ]; then
    echo "duckdb clients: installing @duckdb/node-api@$NODE_API_VERSION in $node_dir" >&2
    rm -rf "$node_dir" && mkdir -p "$node_dir" && echo '{"private": true}' >"$node_dir/package.json"
    (cd "$node_dir" && npm install --no-audit --no-fund --loglevel=error "@duckdb/node-api@$NODE_API_VERSION") >"$work/npm.log" 2>&1 ||
      { tail -5 "$work/npm.log" >&2; rm -rf "$node_dir"; fail "cannot install @duckdb/node-api@$NODE_API_VERSION (network? see above)"; }
  fi

  # --- every query in every client --------------------------------------------------------------------------
  outs=()
  for py in "${pythons[@]}"; do
    out="$work/$(basename "$(dirname "$(dirname "$py")")").json"
    "$py" "$here/run_queries.py" "$db" "$root/sql/analyst" "$here/params.json" "$out" || fail "the Python client $py"
    outs+=("$out")
  done
  HOSO_NODE_MODULES="$node_dir/node_modules" node "$here/run_queries.mjs" "$db" "$root/sql/analyst" "$here/params.json" "$work/node.json" ||
    fail "the Node client @duckdb/node-api $NODE_API_VERSION"
  outs+=("$work/node.json")
  python3 "$here/compare_results.py" "$expected_version" "${outs[@]}" || fail "the clients disagree (above)"

  # --- the control: DuckDB 2's own format does not open in a 1.x client -----------------------------------------
  if [ -d "$warehouse/gold" ]; then
    hoso publish --warehouse "$warehouse" --db "$work/latest.duckdb" --duckdb-storage-version latest \
      >"$work/publish-latest.log" 2>&1 || { tail -5 "$work/publish-latest.log" >&2; fail "hoso publish --duckdb-storage-version latest"; }
    if "${pythons[0]}" -c "import duckdb, sys; duckdb.connect(sys.argv[1], read_only=True)" "$work/latest.duckdb" 2>"$work/latest.err"; then
      fail "a file in the latest storage format opened in $(basename "$(dirname "$(dirname "${pythons[0]}")")"): the control does not discriminate"
    fi
    grep -q "version number" "$work/latest.err" || { cat "$work/latest.err" >&2; fail "unexpected error from the 1.x client on the latest format"; }
    echo "duckdb clients: control: the latest format is refused by $(basename "$(dirname "$(dirname "${pythons[0]}")")") ($(grep -o 'version number [0-9]*' "$work/latest.err" | head -1))"
  fi
  echo "duckdb clients: OK"
}

main "$@"
exit
