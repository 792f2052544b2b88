#!/usr/bin/env bash
# The whole cluster check, alone, in one command:
#
#   ops/cluster/test.sh
#
# 1. generates a small landing zone (3000 dossiers over 2024-2025, 1% faulty records);
# 2. loads it in local mode (./hoso run: a backfill up to 30 Dec 2025, then the nightly run of 31 Dec; one night is
#    enough to prove the nightly path, and each run costs CI about a minute and a half),
#    in the background while:
# 3. starts a standalone cluster on 127.0.0.1 (ops/cluster/start.sh: a master, two one-core workers) and
#    submits the same two runs with spark-submit (ops/cluster/submit.sh), the same secret in the driver's
#    environment (the executors get the key inside the tasks, so equal keys prove it reached them);
# 4. checks that the executors ran the tasks (event logs, the master's and the workers' state), and that
#    the secret is in none of the cluster's files (daemon logs, event logs, executors' work folders);
# 5. compares the two published hoso.duckdb files table by table (CompareWarehouses.java: EXCEPT ALL both
#    ways, run ids and wall-clock times left out), and, as a control, that the comparison does see the
#    difference between the warehouse after the backfill and after the nightly runs.
# Before all that it checks that target/hoso-cluster.jar has none of the tools (check_jar.sh).
# Stops the cluster at the end whatever happens (trap EXIT). Builds target/hoso-cluster.jar when it is
# missing or older than the sources (HOSO_NO_BUILD=1: never; for callers that built, e.g. mvn verify).
# HOSO_CLUSTER_TEST_DIR keeps the work folder (logs, warehouses) at that path instead of a temporary one.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/lib.sh"

# all in one function: bash has read the whole of it before it runs, so editing this file meanwhile is safe
main() {

  step() { echo "cluster test: $*" >&2; }
  fail() { echo "cluster test: FAILED: $*" >&2; exit 1; }

  if [ -n "${HOSO_CLUSTER_TEST_DIR:-}" ]; then
    work="$HOSO_CLUSTER_TEST_DIR"
    rm -rf "$work" && mkdir -p "$work"
    keep=1
  else
    work=$(mktemp -d "${TMPDIR:-/tmp}/hoso-cluster-test.XXXXXX")
    keep=0
  fi
  cleanup() {
    local rc=$?
    set +e  # every step of the clean-up runs, whatever the one before returned
    # local mode still running (the cluster leg failed): end its hoso JVM and wait for it
    if [ -n "${local_pid:-}" ] && kill -0 "$local_pid" 2>/dev/null; then
      pkill -TERM -P "$local_pid" 2>/dev/null
      kill "$local_pid" 2>/dev/null
      wait "$local_pid" 2>/dev/null
    fi
    "$here/stop.sh" "$work/cluster"
    if [ "$rc" != 0 ]; then
      for log in "$work"/*.log "$work"/cluster/*.log; do
        [ -f "$log" ] && { echo "--- last lines of $log" >&2; tail -n 15 "$log" >&2; }
      done
    fi
    if [ "$keep" = 0 ]; then rm -rf "$work"; else echo "cluster test: work folder kept: $work" >&2; fi
  }
  local_pid=""
  trap cleanup EXIT
  start=$SECONDS

  jar="$root/target/hoso-cluster.jar"
  classpath="$root/launcher/target/classpath.txt"
  # the driver side needs the tools too (hoso generate through the launcher), so every module's sources count
  if [ "${HOSO_NO_BUILD:-}" != "1" ] && { [ ! -f "$jar" ] || [ ! -f "$classpath" ] ||
      [ -n "$(find "$root"/pom.xml "$root"/{jobs,tools,launcher}/pom.xml "$root"/{jobs,tools}/src/main "$root/schemas" \
          "$root/sql" "$root/targets" -newer "$jar" -print -quit)" ]; }; then
    step "building target/hoso-cluster.jar (mvn -DskipTests package)"
    (cd "$root" && mvn -q -B -ntp -DskipTests package) >"$work/build.log" 2>&1 || fail "the build (see $work/build.log)"
  fi
  [ -f "$jar" ] || fail "$jar is missing: build it with mvn -DskipTests package"
  [ -f "$classpath" ] || fail "$root is not built (mvn -DskipTests package)"

  step "checking that the cluster jar holds the product only"
  "$here/check_jar.sh" "$jar" || fail "$jar holds classes or files that are not the product's"

  # the same secret for both modes, from the environment, as in production (not the demo secret)
  export HOSO_PSEUDONYM_SECRET="hoso-cluster-test-secret"
  landing="$work/landing"
  backfill=(run --from 2024-01-01 --to 2025-12-30)
  nights=("2025-12-31")

  step "generating the landing zone"
  HOSO_NO_BUILD=1 "$root/hoso" generate --landing "$landing" --from-year 2024 --to-year 2025 --dossiers 3000 --seed 17 \
    --bad-rate 0.01 >"$work/generate.log" 2>&1 || fail "hoso generate"

  # Local mode runs beside the cluster: with a few thousand dossiers most of a run is one driver thread
  # (planning, code generation, DuckDB), so the two legs share 2 cores well.
  local_run() { HOSO_NO_BUILD=1 HOSO_JAVA_OPTS="${HOSO_JAVA_OPTS:--Xmx2g}" "$root/hoso" "$@" --landing "$landing" --warehouse "$work/local"; }
  local_leg() {
    local_run "${backfill[@]}" >"$work/local-backfill.log" 2>&1 || { echo "local backfill" >"$work/local.failed"; return 1; }
    cp "$work/local/hoso.duckdb" "$work/after-backfill.duckdb"
    for d in "${nights[@]}"; do
      local_run run --date "$d" >"$work/local-$d.log" 2>&1 || { echo "local nightly run $d" >"$work/local.failed"; return 1; }
    done
  }
  step "local mode (in the background): backfill, then ${nights[*]}"
  local_leg &
  local_pid=$!

  "$here/start.sh" "$work/cluster" >"$work/start.log" 2>&1 || fail "ops/cluster/start.sh"
  step "cluster: $(cat "$work/cluster/master-url"), web UI $(cat "$work/cluster/webui-url")"
  # a few shuffle partitions for a few thousand dossiers (Spark's 200 would make hundreds of tiny tasks)
  export HOSO_SUBMIT_CONF="spark.sql.shuffle.partitions=4"
  cluster_run() { "$here/submit.sh" "$work/cluster" "$@" --landing "$landing" --warehouse "$work/on-cluster"; }
  step "cluster: backfill, then ${nights[*]}"
  cluster_run "${backfill[@]}" >"$work/cluster-backfill.log" 2>&1 || fail "cluster backfill"
  for d in "${nights[@]}"; do
    cluster_run run --date "$d" >"$work/cluster-$d.log" 2>&1 || fail "cluster nightly run $d"
  done
  grep -h "^published for analysts" "$work/cluster-${nights[-1]}.log" >&2 || fail "the last cluster run did not publish"
  step "cluster runs done ($((SECONDS - start)) s so far); waiting for local mode"
  wait "$local_pid" || fail "$(cat "$work/local.failed" 2>/dev/null || echo "local mode")"
  local_pid=""

  step "checking the executors"
  python3 "$here/check_executors.py" "$work/cluster" $((1 + ${#nights[@]})) 2 || fail "the applications did not run on the cluster's executors"
  "$here/stop.sh" "$work/cluster"
  leaks=$(grep -rlF "$HOSO_PSEUDONYM_SECRET" "$work/cluster" || true)
  [ -z "$leaks" ] || fail "the secret is written in $leaks (logs, event logs or executors' work folders)"

  duckdb_jar=$(tr ':' '\n' <"$classpath" | grep '/duckdb_jdbc-[^/]*\.jar$' | head -1)
  [ -n "$duckdb_jar" ] || fail "no duckdb_jdbc jar in $classpath"
  compare() { java -cp "$duckdb_jar" "$here/CompareWarehouses.java" "$@"; }
  step "control: the comparison sees what the nightly runs changed"
  if compare "$work/after-backfill.duckdb" "$work/local/hoso.duckdb" >"$work/control.log" 2>&1; then
    fail "the warehouse after the backfill compares equal to the one after the nightly runs: the comparison cannot fail"
  fi
  step "comparing the published warehouses, local mode (A) vs cluster (B)"
  compare "$work/local/hoso.duckdb" "$work/on-cluster/hoso.duckdb" || fail "the cluster's warehouse differs from local mode's"
  step "OK in $((SECONDS - start)) s"
}

main "$@"
exit
