"""Checks that the applications submitted to the cluster of <state-dir> really ran on its executors:

- each application's Spark event log (<state-dir>/events/) shows executors on at least N workers, each of
  which finished tasks successfully, and no task run by the driver;
- the master's state (its JSON endpoint on loopback) lists each application as FINISHED;
- each worker's state lists an executor of each application among its finished executors.

usage: python3 check_executors.py <state-dir> <expected applications> [<workers, default 2>]
"""
import collections
import glob
import json
import os
import sys
import urllib.request


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as r:
        return json.load(r)


def main(state, expected_apps, workers=2):
    problems = []
    logs = sorted(glob.glob(os.path.join(state, "events", "*")))
    unfinished = [os.path.basename(f) for f in logs if f.endswith(".inprogress")]
    if unfinished:
        problems.append(f"event logs still in progress (the application did not end cleanly): {unfinished}")
    apps = {}
    for f in logs:
        app, executors, tasks = None, {}, collections.Counter()
        with open(f, encoding="utf-8") as events:
            for line in events:
                e = json.loads(line)
                kind = e["Event"]
                if kind == "SparkListenerApplicationStart":
                    app = e["App ID"]
                elif kind == "SparkListenerExecutorAdded":
                    executors[e["Executor ID"]] = e["Executor Info"]["Host"]
                elif kind == "SparkListenerTaskEnd" and e["Task End Reason"]["Reason"] == "Success":
                    tasks[e["Task Info"]["Executor ID"]] += 1
        apps[app] = (executors, tasks)
        busy = [x for x in executors if tasks[x] > 0]
        print(f"cluster check: {app}: executors {sorted(executors)} on {sorted(set(executors.values()))}, "
              f"successful tasks per executor {dict(sorted(tasks.items()))}")
        if len(busy) < workers:
            problems.append(f"{app}: only {len(busy)} executors finished tasks, expected {workers}")
        if tasks["driver"]:
            problems.append(f"{app}: {tasks['driver']} tasks ran in the driver (local mode?), not on executors")
    if len(apps) != expected_apps:
        problems.append(f"{len(apps)} applications in {state}/events, expected {expected_apps}")

    master = fetch(open(os.path.join(state, "webui-url")).read().strip() + "/json/")
    finished = {a["id"]: a["state"] for a in master.get("completedapps", [])}
    for app in apps:
        if finished.get(app) != "FINISHED":
            problems.append(f"{app}: the master lists it as {finished.get(app, 'unknown')}, not FINISHED")
    for w in master.get("workers", []):
        ran = {x["appid"] for x in fetch(w["webuiaddress"] + "/json/").get("finishedexecutors", [])}
        missing = sorted(set(apps) - ran)
        if missing:
            problems.append(f"worker {w['id']} ran no executor of {missing}")
    if len(master.get("workers", [])) < workers:
        problems.append(f"the master knows {len(master.get('workers', []))} workers, expected {workers}")

    for p in problems:
        print("  " + p, file=sys.stderr)
    if problems:
        sys.exit(1)
    print(f"cluster check: {len(apps)} applications FINISHED on the master, each with tasks on {workers} workers' executors")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), *(int(a) for a in sys.argv[3:]))
