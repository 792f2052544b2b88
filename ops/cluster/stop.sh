#!/usr/bin/env bash
# Stops what ops/cluster/start.sh <state-dir> started: every daemon's process group (a worker's executors
# included), TERM first, KILL after 10 s. Idempotent; works after a partial start.
#
#   ops/cluster/stop.sh <state-dir>
set -uo pipefail
[ $# -eq 1 ] || { echo "usage: ops/cluster/stop.sh <state-dir>" >&2; exit 2; }
state="$1"
[ -d "$state" ] || exit 0
shopt -s nullglob
pidfiles=("$state"/*.pid)
# workers first, so the master does not log them as lost
for f in "${pidfiles[@]}"; do
  case "$f" in */master.pid) continue ;; esac
  pids+=("$f")
done
[ -f "$state/master.pid" ] && pids+=("$state/master.pid")
for f in ${pids[@]+"${pids[@]}"}; do
  pid=$(cat "$f" 2>/dev/null) || continue
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    # setsid made the daemon the leader of its own group: the group is the daemon and its children
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "cluster stop: $(basename "$f" .pid) (pid $pid) did not stop in 10 s: killing it" >&2
    fi
  fi
  # whatever is left of the group (an executor, or a daemon that ignored TERM)
  kill -KILL -- "-$pid" 2>/dev/null
  rm -f "$f"
done
exit 0
