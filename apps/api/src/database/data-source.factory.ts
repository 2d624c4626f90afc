/** Builds the TypeORM DataSource for the configured database, one codebase for both drivers. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, DataSourceOptions, getMetadataArgsStorage } from 'typeorm';
import type { DatabaseSettings } from '../config/settings';
import { ENTITIES } from './entities';
import { POSTGRES_MIGRATIONS } from './migrations/postgres';
import { SQLITE_MIGRATIONS } from './migrations/sqlite';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * Entities declare `timestamptz` (what PostgreSQL should store); SQLite has no such type, so
 * those columns become `datetime` there. Done on the metadata once, before any DataSource
 * reads it; a process talks to one kind of database.
 */
function adaptColumnTypes(kind: DatabaseSettings['kind']): void {
  for (const column of getMetadataArgsStorage().columns) {
    const type = column.options.type;
    if (kind === 'sqlite' && type === 'timestamptz') column.options.type = 'datetime';
    if (kind === 'postgres' && type === 'datetime') column.options.type = 'timestamptz';
  }
}

export function dataSourceOptions(database: DatabaseSettings): DataSourceOptions {
  adaptColumnTypes(database.kind);
  const common = {
    entities: ENTITIES,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: 'schema_migrations',
    logging: false,
  } as const;
  if (database.kind === 'postgres') {
    return {
      ...common,
      type: 'postgres',
      url: database.url,
      migrations: POSTGRES_MIGRATIONS,
      extra: { max: 20, connectionTimeoutMillis: 5_000 },
    };
  }
  if (database.path !== ':memory:') mkdirSync(dirname(database.path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: database.path,
    migrations: SQLITE_MIGRATIONS,
    enableWAL: true,
    prepareDatabase: (db: { pragma: (sql: string) => unknown }) => {
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
    },
  };
}

export function createDataSource(database: DatabaseSettings): DataSource {
  return new DataSource(dataSourceOptions(database));
}

/** Advisory lock keys of start-up work that instances starting together must take turns at. */
export const STARTUP_LOCK = { migrations: 74201, seed: 74202 } as const;

/**
 * Runs `work` while holding a session advisory lock on PostgreSQL, so that several instances
 * starting together take turns; SQLite has one writer per file and needs none.
 */
export async function withStartupLock<T>(dataSource: DataSource, key: number, work: () => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'postgres') return work();
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [key]);
    return await work();
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => undefined);
    await runner.release();
  }
}

/** Runs pending migrations, exactly once across instances starting together. */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  return withStartupLock(dataSource, STARTUP_LOCK.migrations, async () =>
    (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name),
  );
}

/** SQL that would bring the schema in line with the entities: empty when nothing drifted. */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return log.upQueries.map((q) => q.query);
}
