#!/usr/bin/env bash
# check_jar.sh JAR: the cluster jar holds what a cluster run needs and nothing of the tools (docs/build.md):
# no generator (vn/hoso/generate), no benchmark (vn/hoso/bench, sql/bench), no tools' CLI (vn/hoso/tools),
# while the product's main class and SQL models are there. Exit 1 with the offending entries otherwise.
set -euo pipefail
[ $# = 1 ] || { echo "usage: check_jar.sh JAR" >&2; exit 2; }
jar=$1
entries=$(jar tf "$jar") || { echo "check_jar.sh: cannot list $jar" >&2; exit 1; }
tools=$(grep -E '^(vn/hoso/(generate|bench|tools)/|sql/bench/)' <<<"$entries" || true)
if [ -n "$tools" ]; then
  echo "check_jar.sh: $jar holds the tools' classes or files ($(wc -l <<<"$tools") entries), e.g.:" >&2
  head -5 <<<"$tools" >&2
  exit 1
fi
for needed in vn/hoso/cli/Main.class vn/hoso/pipeline/Pipeline.class sql/marts/; do
  grep -q "^$needed" <<<"$entries" ||
    { echo "check_jar.sh: $jar lacks $needed" >&2; exit 1; }
done
echo "check_jar.sh: $jar: $(wc -l <<<"$entries") entries, none of the tools" >&2
