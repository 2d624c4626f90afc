import { DataSource } from 'typeorm';
import { createDataSource, migrate, pendingSchemaChanges } from '../src/database/data-source.factory';
import { createTestDatabase, TEST_DB, type TestDatabase } from './harness';

const GOVERNANCE_TABLES = ['global_plugin_registry', 'team_plugins', 'user_plugins', 'server_plugins', 'plugin_audit_log'];
const PLATFORM_TABLES = ['users', 'teams', 'team_memberships', 'virtual_servers', 'tools', 'server_resources', 'server_prompts', 'plugin_role_assignments', 'notifications', 'api_tokens', 'policy_snapshots'];

function databaseSettings(db: TestDatabase) {
  return db.url.startsWith('sqlite:')
    ? ({ kind: 'sqlite', path: db.url.slice('sqlite:'.length) } as const)
    : ({ kind: 'postgres', url: db.url } as const);
}

describe(`migrations on ${TEST_DB}`, () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = createDataSource(databaseSettings(db));
    await ds.initialize();
  });
  afterAll(async () => {
    if (ds.isInitialized) await ds.destroy();
    await db.drop();
  });

  it('migrates up to a schema that matches the entities exactly (no drift)', async () => {
    const applied = await migrate(ds);
    expect(applied.length).toBeGreaterThan(0);
    expect(await pendingSchemaChanges(ds)).toEqual([]);
    const runner = ds.createQueryRunner();
    try {
      for (const table of [...GOVERNANCE_TABLES, ...PLATFORM_TABLES]) {
        expect(await runner.hasTable(table)).toBe(true);
      }
    } finally {
      await runner.release();
    }
  });

  it('is idempotent: a second run applies nothing', async () => {
    expect(await migrate(ds)).toEqual([]);
  });

  it('stores JSON columns as jsonb on PostgreSQL and indexes what SPEC section 2 names', async () => {
    const runner = ds.createQueryRunner();
    try {
      const audit = await runner.getTable('plugin_audit_log');
      // TypeORM reports an index's columns sorted by name on PostgreSQL, so compare as sets.
      const indexed = audit!.indices.map((i) => [...i.columnNames].sort().join(','));
      expect(indexed).toEqual(expect.arrayContaining(['at', 'at,plugin_name']));
      for (const table of ['team_plugins', 'user_plugins', 'server_plugins']) {
        const t = await runner.getTable(table);
        expect(t!.indices.map((i) => i.columnNames.join(','))).toEqual(expect.arrayContaining(['plugin_name']));
        const config = t!.findColumnByName('config')!;
        expect(config.type).toBe('jsonb');
        // Every foreign key cascades and is indexed.
        for (const fk of t!.foreignKeys) {
          expect(fk.onDelete).toBe('CASCADE');
          expect(t!.indices.some((i) => i.columnNames[0] === fk.columnNames[0])).toBe(true);
        }
      }
    } finally {
      await runner.release();
    }
  });

  it('gives server resources and prompts a unique key per server, jsonb prompt arguments, and an indexed cascading server key', async () => {
    const runner = ds.createQueryRunner();
    try {
      for (const [table, key] of [['server_resources', 'uri'], ['server_prompts', 'name']] as const) {
        const t = await runner.getTable(table);
        expect(t!.uniques.map((u) => [...u.columnNames].sort().join(','))).toContain(['server_id', key].sort().join(','));
        expect(t!.foreignKeys.map((fk) => [fk.columnNames.join(','), fk.referencedTableName, fk.onDelete])).toEqual([['server_id', 'virtual_servers', 'CASCADE']]);
        expect(t!.indices.some((i) => i.columnNames.join(',') === 'server_id')).toBe(true);
      }
      const prompts = await runner.getTable('server_prompts');
      expect(prompts!.findColumnByName('arguments')!.type).toBe('jsonb');
    } finally {
      await runner.release();
    }
  });

  it('migrates all the way down and up again', async () => {
    const total = ds.migrations.length;
    for (let i = 0; i < total; i++) await ds.undoLastMigration({ transaction: 'each' });
    const runner = ds.createQueryRunner();
    try {
      expect(await runner.hasTable('users')).toBe(false);
      expect(await runner.hasTable('global_plugin_registry')).toBe(false);
    } finally {
      await runner.release();
    }
    expect((await migrate(ds)).length).toBe(total);
    expect(await pendingSchemaChanges(ds)).toEqual([]);
  });
});
