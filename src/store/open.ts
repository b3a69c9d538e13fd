import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { KyselyStore } from './kysely-store.js';
import type { Store } from './store.js';

/** SQLite in the data dir by default; PostgreSQL when a postgres:// URL is configured. */
export async function openStore(options: { databaseUrl: string | null; dataDir: string }): Promise<Store> {
  const url = options.databaseUrl;
  let store: KyselyStore;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const { default: pg } = await import('pg');
    store = new KyselyStore('postgres', new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 10 }) }) }));
  } else {
    const file = url ? url.replace(/^sqlite:/, '') : path.join(options.dataDir, 'openidv.sqlite');
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    store = new KyselyStore('sqlite', new Kysely({ dialect: new SqliteDialect({ database: db }) }));
  }
  await store.migrate();
  return store;
}
