"""Compares the results of run_queries.py / run_queries.mjs from several clients: the same query runs,
each with at least one row, the same columns and rows in the same order in every client, and the file's
declared storage version equal to the configured one ("v1.2.0" -> DuckDB reports "v1.2.0+").

usage: python3 compare_results.py EXPECTED_STORAGE_VERSION RESULT.json...
"""
import json
import math
import sys


def same(a, b):
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    return a == b


def main(expected, files):
    results = [json.load(open(f, encoding="utf-8")) for f in files]
    problems = []
    for r in results:
        if expected != "latest" and r["storage_version"] != expected + "+":
            problems.append(f"{r['client']}: the file declares storage version {r['storage_version']}, not {expected}+")
    first = results[0]
    for name, q in sorted(first["queries"].items()):
        if not q["rows"]:
            problems.append(f"{name}: no rows in {first['client']} (a query that returns nothing tests nothing)")
        for other in results[1:]:
            o = other["queries"].get(name)
            if o is None:
                problems.append(f"{name}: not run by {other['client']}")
            elif o["columns"] != q["columns"]:
                problems.append(f"{name}: columns differ, {first['client']} {q['columns']} vs {other['client']} {o['columns']}")
            elif len(o["rows"]) != len(q["rows"]) or not all(
                    len(x) == len(y) and all(same(u, v) for u, v in zip(x, y)) for x, y in zip(q["rows"], o["rows"])):
                diff = next((i for i, (x, y) in enumerate(zip(q["rows"], o["rows"])) if x != y), min(len(q["rows"]), len(o["rows"])))
                problems.append(f"{name}: rows differ from row {diff} ({len(q['rows'])} vs {len(o['rows'])} rows), "
                                f"{first['client']} vs {other['client']}")
    for p in problems:
        print("  " + p, file=sys.stderr)
    if problems:
        sys.exit(1)
    runs = len(first["queries"])
    rows = sum(len(q["rows"]) for q in first["queries"].values())
    print(f"duckdb clients: {runs} query runs ({rows} rows) identical in: " + "; ".join(r["client"] for r in results))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
