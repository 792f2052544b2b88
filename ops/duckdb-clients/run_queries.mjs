// Runs every query of sql/analyst/ with its parameter sets (params.json) on a published hoso.duckdb,
// opened read-only with @duckdb/node-api; writes the results as JSON (the same form as run_queries.py).
//
// usage: node run_queries.mjs DB SQL_DIR PARAMS_JSON OUT_JSON   (with NODE_PATH at the installed node_modules)
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(join(process.env.HOSO_NODE_MODULES, 'x.js'));
const { DuckDBInstance, version } = require('@duckdb/node-api');

function value(v) {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return Number(v);
  return String(v);
}

async function main([db, sqlDir, paramsFile, outFile]) {
  const params = JSON.parse(readFileSync(paramsFile, 'utf8'));
  const results = { client: `node @duckdb/node-api ${require('@duckdb/node-api/package.json').version} (duckdb ${version()})`, queries: {} };
  let instance;
  try {
    instance = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
  } catch (e) {
    throw new Error(`${results.client}: cannot open ${db} read-only: ${e.message.split('\n')[0]}`);
  }
  const info = await (await instance.connect()).runAndReadAll(
    "select tags['storage_version'] from duckdb_databases() where database_name = current_database()");
  results.storage_version = info.getRows()[0][0];
  for (const name of readdirSync(sqlDir).filter((f) => f.endsWith('.sql')).sort()) {
    if (!(name in params)) {
      throw new Error(`${name}: no parameter sets in ${paramsFile}: add them so that every analyst query is tested`);
    }
    const sql = readFileSync(join(sqlDir, name), 'utf8');
    for (const [i, variables] of params[name].entries()) {
      const con = await instance.connect(); // a fresh session: no variable left from the last set
      try {
        for (const [k, expr] of Object.entries(variables)) {
          await con.run(`SET VARIABLE ${k} = ${expr}`);
        }
        const reader = await con.runAndReadAll(sql);
        const columns = reader.columnNames();
        const types = reader.columnTypes();
        // DuckDB values without a JS primitive (dates, decimals, ...) as their DuckDB text
        const rows = reader.getRows().map((row) => row.map((v) => (v !== null && typeof v === 'object' ? v.toString() : value(v))));
        results.queries[`${name}#${i}`] = { columns, rows, types: types.map(String) };
      } catch (e) {
        throw new Error(`${name} with ${JSON.stringify(variables)}: ${e.message}`);
      } finally {
        con.closeSync();
      }
    }
  }
  writeFileSync(outFile, JSON.stringify(results));
  console.log(`${results.client}: ${Object.keys(results.queries).length} query runs on ${db} (storage ${results.storage_version})`);
}

main(process.argv.slice(2)).catch((e) => {
  console.error(e.message);
  process.exit(1);
});
