#!/usr/bin/env bash
# Runs a hoso command on the cluster of ops/cluster/start.sh <state-dir>, with spark-submit in client mode:
#
#   HOSO_PSEUDONYM_SECRET=... ops/cluster/submit.sh <state-dir> run --date 2025-03-05 --landing ... --warehouse ...
#
# = org.apache.spark.deploy.SparkSubmit --master <state-dir>/master-url --class vn.hoso.cli.Main
#   target/hoso-cluster.jar <hoso args>, on the Spark home's jars, with the JVM flags of jvm.flags for the
#   driver and the executors. The driver reads HOSO_PSEUDONYM_SECRET from this environment; the executors
#   get the key material inside the serialised tasks (docs/reliability-personal-data.md), so the secret is
#   set in no Spark setting, command line or file. Settings go in a properties file readable by this user
#   only. Each application writes its Spark event log to <state-dir>/events/.
#
# Environment (optional): HOSO_DRIVER_MEMORY (default 2g), HOSO_EXECUTOR_MEMORY (default 1g),
# HOSO_SUBMIT_CONF (more "key=value" Spark settings, space-separated), HOSO_CLUSTER_JAR (default
# target/hoso-cluster.jar).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/lib.sh"

fail() { echo "cluster submit: $*" >&2; exit 1; }

[ $# -ge 2 ] || fail "usage: ops/cluster/submit.sh <state-dir> <hoso args...>"
state="$(cd "$1" 2>/dev/null && pwd)" || fail "no state folder $1 (start the cluster with ops/cluster/start.sh $1)"
shift
[ -s "$state/master-url" ] && [ -s "$state/spark-home" ] || fail "$state has no running cluster (ops/cluster/start.sh $state)"
master_url=$(cat "$state/master-url")
spark_home=$(cat "$state/spark-home")
jar="${HOSO_CLUSTER_JAR:-$root/target/hoso-cluster.jar}"
[ -f "$jar" ] || fail "$jar is missing: build it with mvn -DskipTests package"

flags=$(jvm_flags)
mkdir -p "$state/events"
props=$(mktemp "$state/submit.XXXXXX.properties")
trap 'rm -f "$props"' EXIT
chmod 600 "$props"
{
  echo "spark.driver.host=127.0.0.1"
  echo "spark.executor.memory=${HOSO_EXECUTOR_MEMORY:-1g}"
  echo "spark.executor.extraJavaOptions=$flags"
  echo "spark.eventLog.enabled=true"
  echo "spark.eventLog.dir=file://$state/events"
  for kv in ${HOSO_SUBMIT_CONF:-}; do echo "$kv"; done
} >"$props"

export SPARK_HOME="$spark_home" SPARK_SCALA_VERSION="$(pom_property scala.binary)" SPARK_LOCAL_IP=127.0.0.1
# shellcheck disable=SC2086
java -Xmx"${HOSO_DRIVER_MEMORY:-2g}" $flags -Dhoso.home="$root" -cp "$spark_home/jars/*" \
  org.apache.spark.deploy.SparkSubmit --master "$master_url" --properties-file "$props" \
  --class vn.hoso.cli.Main "$jar" "$@"
