/**
 * Developer tool: writes a migration per driver from the difference between the entities and
 * the schema the existing migrations build, on a fresh SQLite file and a fresh PostgreSQL
 * database (n8n's one-codebase-two-databases layout).
 *   npm run migration:generate -- <name>
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createDataSource, migrate } from './data-source.factory';
import type { DatabaseSettings } from '../config/settings';

const pgAdminUrl = process.env['PLUGBOARD_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function className(name: string, timestamp: number): string {
  const pascal = name.replace(/(^|[-_ ])(\w)/g, (_m, _s, c: string) => c.toUpperCase());
  return `${pascal}${timestamp}`;
}

function render(cls: string, up: string[], down: string[]): string {
  const lines = (qs: string[]) =>
    qs.map((q) => `    await queryRunner.query(${JSON.stringify(q)});`).join('\n');
  return `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${cls} implements MigrationInterface {
  name = '${cls}';

  async up(queryRunner: QueryRunner): Promise<void> {
${lines(up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${lines(down)}
  }
}
`;
}

async function diff(database: DatabaseSettings): Promise<{ up: string[]; down: string[] }> {
  const ds = createDataSource(database);
  await ds.initialize();
  try {
    await migrate(ds);
    const log = await ds.driver.createSchemaBuilder().log();
    return {
      up: log.upQueries.map((q) => q.query),
      down: log.downQueries.map((q) => q.query).reverse(),
    };
  } finally {
    await ds.destroy();
  }
}

function register(dir: string, file: string, cls: string, constName: string): void {
  const index = join(dir, 'index.ts');
  const src = readFileSync(index, 'utf8');
  const importLine = `import { ${cls} } from './${file}';\n`;
  const updated = (importLine + src).replace(
    /(export const \w+: MigrationClass\[\] = \[)([^\]]*)(\];)/,
    (_m, a: string, list: string, b: string) => {
      const items = list.split(',').map((s) => s.trim()).filter(Boolean);
      items.push(cls);
      return `${a}${items.join(', ')}${b}`;
    },
  );
  void constName;
  writeFileSync(index, updated);
}

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[a-z][a-z0-9-]*$/.test(name)) {
    throw new Error('usage: generate-migration <kebab-case-name>');
  }
  const timestamp = Date.now();
  const cls = className(name, timestamp);
  const file = `${timestamp}-${name}`;
  const here = __dirname;

  const dir = mkdtempSync(join(tmpdir(), 'pb-migrate-'));
  const sqlite = await diff({ kind: 'sqlite', path: join(dir, 'gen.sqlite') });
  rmSync(dir, { recursive: true, force: true });

  const dbName = `pb_gen_${timestamp}`;
  const admin = new Client({ connectionString: pgAdminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  let pg: { up: string[]; down: string[] };
  try {
    const url = new URL(pgAdminUrl);
    url.pathname = `/${dbName}`;
    pg = await diff({ kind: 'postgres', url: url.toString() });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }

  for (const [driver, result, constName] of [
    ['sqlite', sqlite, 'SQLITE_MIGRATIONS'],
    ['postgres', pg, 'POSTGRES_MIGRATIONS'],
  ] as const) {
    if (result.up.length === 0) {
      console.log(`${driver}: no changes`);
      continue;
    }
    const dirPath = join(here, 'migrations', driver);
    writeFileSync(join(dirPath, `${file}.ts`), render(cls, result.up, result.down));
    register(dirPath, file, cls, constName);
    console.log(`${driver}: wrote migrations/${driver}/${file}.ts (${result.up.length} statements)`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
