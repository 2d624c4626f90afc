import { DataSource } from 'typeorm';
import { loadSettings } from '../src/config/settings';
import { createDataSource, migrate } from '../src/database/data-source.factory';
import { SeedService } from '../src/seed/seed.service';
import { DEMO_USERS } from '../src/seed/demo-data';
import { UserEntity } from '../src/users/user.entity';
import { createTestDatabase, TEST_DB, type TestDatabase } from './harness';

// PostgreSQL serves several instances at once; the embedded SQLite file serves one at a time,
// so there the second instance starts after the first (a restart) and must not seed again.
const together = TEST_DB === 'postgres';

async function each<T, R>(items: T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  if (together) return Promise.all(items.map(fn));
  const out: R[] = [];
  for (const item of items) out.push(await fn(item));
  return out;
}

describe(`two instances starting ${together ? 'together' : 'one after the other'} on one ${TEST_DB} database`, () => {
  let db: TestDatabase;
  const sources: DataSource[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    for (const ds of sources) if (ds.isInitialized) await ds.destroy();
    await db.drop();
  });

  it('migrate and seed once, without errors', async () => {
    const settings = loadSettings({
      DATABASE_URL: db.url,
      PLUGBOARD_JWT_SECRET: 'integration-test-secret-0123456789',
      PLUGBOARD_ADMIN_EMAIL: 'ops@example.com',
      PLUGBOARD_ADMIN_PASSWORD: 'ops-password-1',
    });
    for (let i = 0; i < 2; i++) {
      const ds = createDataSource(settings.database);
      await ds.initialize();
      sources.push(ds);
    }
    const migrated = await each(sources, (ds) => migrate(ds));
    expect(migrated.map((names) => names.length).sort()).toEqual([0, sources[0]!.migrations.length]);

    const results = await each(sources, (ds) => new SeedService(settings, ds).run());
    expect(results.filter((r) => r.demoSeeded)).toHaveLength(1);
    expect(results.filter((r) => r.adminCreated)).toHaveLength(1);
    expect(await sources[0]!.getRepository(UserEntity).count()).toBe(DEMO_USERS.length + 1);
  });
});
