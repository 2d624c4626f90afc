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

/**
 * Runs pending migrations. On PostgreSQL an advisory lock makes instances starting together
 * take turns, so exactly one applies each migration.
 */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  if (dataSource.options.type !== 'postgres') {
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  }
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(74201)');
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock(74201)').catch(() => undefined);
    await runner.release();
  }
}

/** SQL that would bring the schema in line with the entities: empty when nothing drifted. */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return log.upQueries.map((q) => q.query);
}
