"""Runs every query of sql/analyst/ with its parameter sets (params.json) on a published hoso.duckdb,
opened read-only with the Python duckdb package of this interpreter; writes the results as JSON.

usage: python run_queries.py DB SQL_DIR PARAMS_JSON OUT_JSON
"""
import datetime
import decimal
import json
import os
import sys

import duckdb


def value(v):
    """One JSON form per value, shared with run_queries.mjs: numbers as floats, times as ISO text."""
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, (int, float, decimal.Decimal)):
        return float(v)
    if isinstance(v, datetime.datetime):
        return v.isoformat(sep=" ")
    if isinstance(v, datetime.date):
        return v.isoformat()
    return str(v)


def main(db, sql_dir, params_file, out_file):
    params = json.load(open(params_file, encoding="utf-8"))
    results = {"client": "python duckdb " + duckdb.__version__, "queries": {}}
    try:
        con = duckdb.connect(db, read_only=True)
    except duckdb.Error as e:
        sys.exit(f"{results['client']}: cannot open {db} read-only: {str(e).splitlines()[0]}")
    results["storage_version"] = con.execute(
        "select tags['storage_version'] from duckdb_databases() where database_name = current_database()").fetchone()[0]
    con.close()
    for name in sorted(f for f in os.listdir(sql_dir) if f.endswith(".sql")):
        if name not in params:
            sys.exit(f"{name}: no parameter sets in {params_file}: add them so that every analyst query is tested")
        sql = open(os.path.join(sql_dir, name), encoding="utf-8").read()
        for i, variables in enumerate(params[name]):
            con = duckdb.connect(db, read_only=True)  # a fresh session: no variable left from the last set
            try:
                for k, expr in variables.items():
                    con.execute(f"SET VARIABLE {k} = {expr}")
                cur = con.execute(sql)
                columns = [d[0] for d in cur.description]
                rows = [[value(v) for v in row] for row in cur.fetchall()]
            except duckdb.Error as e:
                sys.exit(f"{name} with {variables}: {e}")
            finally:
                con.close()
            results["queries"][f"{name}#{i}"] = {"columns": columns, "rows": rows}
    json.dump(results, open(out_file, "w", encoding="utf-8"), ensure_ascii=False)
    print(f"{results['client']}: {len(results['queries'])} query runs on {db} (storage {results['storage_version']})")


if __name__ == "__main__":
    main(*sys.argv[1:])
