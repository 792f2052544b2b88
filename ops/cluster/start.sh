#!/usr/bin/env bash
# Starts a Spark standalone cluster on 127.0.0.1: one master and two workers (one core each), from a Spark
# home laid out with the Spark jars the build resolves (no Spark distribution needed).
#
#   ops/cluster/start.sh <state-dir>
#
# Writes <state-dir>/master-url (spark://127.0.0.1:PORT), webui-url, spark-home, the daemons' pid files
# (*.pid, each the leader of its own process group: the executors a worker starts belong to its group)
# and logs (*.log); prints the master URL. ops/cluster/stop.sh <state-dir> stops it all.
#
# Environment (all optional):
#   HOSO_SPARK_HOME            the Spark home to use or lay out (default ~/.cache/hoso/spark-<version>)
#   HOSO_CLUSTER_MASTER_PORT   the master's port        (default: a free port)
#   HOSO_CLUSTER_WEBUI_PORT    the master's web UI port (default: a free port)
#   HOSO_CLUSTER_WORKERS       number of workers        (default 2)
#   HOSO_CLUSTER_WORKER_MEMORY memory each worker offers to executors (default 1g)
#   HOSO_CLUSTER_TIMEOUT       seconds to wait for the workers to register (default 90)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/lib.sh"

fail() { echo "cluster start: $*" >&2; exit 1; }

[ $# -eq 1 ] || fail "usage: ops/cluster/start.sh <state-dir>"
mkdir -p "$1" || fail "cannot create the state folder $1"
state="$(cd "$1" && pwd)"
if ls "$state"/*.pid >/dev/null 2>&1; then
  fail "$state already holds pid files of a cluster: run ops/cluster/stop.sh $state first"
fi
command -v java >/dev/null || fail "java is not on the PATH"
command -v python3 >/dev/null || fail "python3 is not on the PATH (used to pick free ports and read the master's state)"

# The versions the build uses, from pom.xml: the Spark home gets exactly those artifacts.
spark_version=$(pom_property spark.version)
scala_binary=$(pom_property scala.binary)
scala_version=$(pom_property scala.version)
jackson_version=$(pom_property jackson.version)
[ -n "$spark_version" ] && [ -n "$scala_binary" ] || fail "cannot read spark.version / scala.binary from $root/pom.xml"

spark_home="${HOSO_SPARK_HOME:-$HOME/.cache/hoso/spark-$spark_version-scala$scala_binary}"
if [ ! -f "$spark_home/jars/spark-core_$scala_binary-$spark_version.jar" ]; then
  echo "cluster start: laying out a Spark $spark_version home in $spark_home (Spark's jars from Maven)" >&2
  mkdir -p "$(dirname "$spark_home")"
  tmp="$spark_home.tmp.$$"
  rm -rf "$tmp"
  mvn_opts=(-B -ntp -q)
  # offline first (the jars are in ~/.m2 after a build), then online for a machine that never built
  if ! mvn "${mvn_opts[@]}" -o -f "$here/spark-home.pom.xml" -Dspark.version="$spark_version" \
         -Dscala.binary="$scala_binary" -Dscala.version="$scala_version" -Djackson.version="$jackson_version" \
         -Dspark.jars="$tmp/jars" -Dproject.build.directory="$tmp/build" package >"$state/spark-home.log" 2>&1 &&
     ! mvn "${mvn_opts[@]}" -f "$here/spark-home.pom.xml" -Dspark.version="$spark_version" \
         -Dscala.binary="$scala_binary" -Dscala.version="$scala_version" -Djackson.version="$jackson_version" \
         -Dspark.jars="$tmp/jars" -Dproject.build.directory="$tmp/build" package >>"$state/spark-home.log" 2>&1; then
    rm -rf "$tmp"
    fail "could not fetch Spark's jars with Maven (see $state/spark-home.log)"
  fi
  rm -rf "$tmp/build" "$spark_home"
  mv "$tmp" "$spark_home"
fi
[ -d "$spark_home/jars" ] || fail "$spark_home has no jars/ folder"
echo "$spark_home" >"$state/spark-home"

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
master_port="${HOSO_CLUSTER_MASTER_PORT:-$(free_port)}"
webui_port="${HOSO_CLUSTER_WEBUI_PORT:-$(free_port)}"
workers="${HOSO_CLUSTER_WORKERS:-2}"
worker_memory="${HOSO_CLUSTER_WORKER_MEMORY:-1g}"
timeout="${HOSO_CLUSTER_TIMEOUT:-90}"
master_url="spark://127.0.0.1:$master_port"
webui_url="http://127.0.0.1:$webui_port"

# The worker builds the executors' command from SPARK_HOME/jars; without SPARK_SCALA_VERSION it looks for
# build directories of a Spark source tree ("Cannot find any build directories").
export SPARK_HOME="$spark_home" SPARK_SCALA_VERSION="$scala_binary" SPARK_LOCAL_IP=127.0.0.1
export SPARK_LOCAL_DIRS="$state/local"
flags=$(jvm_flags)
daemon_opts="-Xmx256m -Dspark.master.rest.enabled=false -Dspark.ui.reverseProxy=false"

# Each daemon in its own session (setsid), so stop.sh can end it with everything it started.
launch() { # name, main class, args...
  local name=$1 class=$2
  shift 2
  # the pid file is written from inside the new session, so it holds the group leader's pid even if setsid forked
  # shellcheck disable=SC2016,SC2086
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$state/$name.pid" \
    java $daemon_opts $flags -cp "$spark_home/jars/*" "$class" "$@" >"$state/$name.log" 2>&1 </dev/null &
  for _ in $(seq 1 50); do [ -s "$state/$name.pid" ] && return 0; sleep 0.1; done
  fail "could not start the $name process"
}

# a start that fails stops what it started
trap 'rc=$?; [ "$rc" = 0 ] || "$here/stop.sh" "$state"' EXIT
echo "$master_url" >"$state/master-url"
echo "$webui_url" >"$state/webui-url"
launch master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$master_port" --webui-port "$webui_port"
for i in $(seq 1 "$workers"); do
  mkdir -p "$state/work-$i"
  launch "worker-$i" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory "$worker_memory" \
    --webui-port "$(free_port)" --work-dir "$state/work-$i" "$master_url"
done

# Wait until the master's state lists every worker ALIVE (its JSON endpoint on loopback).
deadline=$((SECONDS + timeout))
alive=0
while :; do
  for f in "$state"/*.pid; do
    if ! kill -0 "$(cat "$f")" 2>/dev/null; then
      name=$(basename "$f" .pid)
      tail -n 20 "$state/$name.log" >&2 || true
      fail "the $name process exited at start (log: $state/$name.log)"
    fi
  done
  alive=$(python3 - "$webui_url/json/" <<'EOF' 2>/dev/null || echo 0
import json, sys, urllib.request
state = json.load(urllib.request.urlopen(sys.argv[1], timeout=2))
print(sum(1 for w in state.get("workers", []) if w.get("state") == "ALIVE"))
EOF
)
  [ "$alive" -ge "$workers" ] && break
  if [ "$SECONDS" -ge "$deadline" ]; then
    fail "only $alive of $workers workers registered with $master_url within ${timeout}s (logs: $state/*.log)"
  fi
  sleep 1
done
echo "cluster start: $workers workers registered with $master_url (web UI $webui_url)" >&2
echo "$master_url"
