/**
 * Starts the real application for an integration suite, on a database of its own: a temporary
 * SQLite file, or a new PostgreSQL database that is dropped afterwards.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import passport from 'passport';
import request from 'supertest';
import { PlugboardStrategy } from '../src/auth/plugboard.strategy';
import type TestAgent from 'supertest/lib/agent';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DataSource } from 'typeorm';
import { buildApp } from '../src/bootstrap';
import { loadSettings, type Settings } from '../src/config/settings';
import { SeedService } from '../src/seed/seed.service';
import { RegistrySyncService } from '../src/registry/registry-sync.service';
import { DEMO_PASSWORD } from '../src/seed/demo-data';

export type TestDb = 'sqlite' | 'postgres';

export const TEST_DB: TestDb = process.env['PLUGBOARD_TEST_DB'] === 'postgres' ? 'postgres' : 'sqlite';
const PG_ADMIN_URL = process.env['PLUGBOARD_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The repository's plugins.config.yaml, which apps start with unless PLUGBOARD_PLUGINS_CONFIG names a fixture. */
export const REPO_PLUGINS_CONFIG = resolve(__dirname, '../../../plugins.config.yaml');

/** The registry entry of the example third-party plugin (examples/acme-greeter, a workspace package). */
export const GREETER_REGISTRY_ENTRY = `
  - name: AcmeGreeterPlugin
    kind: "@acme/plugboard-greeter"
    version: "1.0.0"
    description: Example third-party plugin with its own routes
    mandatory: false
    enabled_globally: false
    priority: 90
    mode: enforce
`;

/** The repository's plugins.config.yaml plus `extra` entries, written to `file`; answers `file`. */
export function writePluginsConfig(file: string, extra: string): string {
  writeFileSync(file, readFileSync(REPO_PLUGINS_CONFIG, 'utf8').trimEnd() + '\n' + extra);
  return file;
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(kind: TestDb = TEST_DB): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'pb-int-'));
    return { url: `sqlite:${join(dir, 'test.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `pb_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestApp {
  databaseUrl: string;
  app: NestExpressApplication;
  dataSource: DataSource;
  settings: Settings;
  http: () => TestAgent;
  /** Signs in a demo user (or any user with the given password) and returns a bearer token. */
  token(email: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * `env.DATABASE_URL` joins an existing test database (a second instance of the same deployment);
 * otherwise the app gets a database of its own, dropped on close.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db: TestDatabase = env['DATABASE_URL'] ? { url: env['DATABASE_URL'], drop: async () => undefined } : await createTestDatabase();
  const settings = loadSettings({
    PLUGBOARD_JWT_SECRET: 'integration-test-secret-0123456789',
    PLUGBOARD_SEED_DEMO: 'true',
    PLUGBOARD_LOG_LEVEL: process.env['PLUGBOARD_TEST_LOGS'] === '1' ? 'error' : 'silent',
    PLUGBOARD_PLUGINS_CONFIG: REPO_PLUGINS_CONFIG,
    ...env,
    DATABASE_URL: db.url,
  });
  let built: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    built = await buildApp(settings, { logger: process.env['PLUGBOARD_TEST_LOGS'] === '1' });
    // As main.ts does: the registry from the plugins config, then the seed.
    await built.app.get(RegistrySyncService).syncAtStartup();
    await built.app.get(SeedService).run();
  } catch (error) {
    await built?.app.close();
    if (built?.dataSource.isInitialized) await built.dataSource.destroy();
    await db.drop();
    throw error;
  }
  const { app, dataSource } = built;
  const server = app.getHttpServer();
  // Passport keeps strategies in one process-wide registry, so the last app built would
  // authenticate for all; a real deployment runs one app per process. Each test app puts its
  // own strategy back before its requests, so suites may run several instances side by side.
  const strategy = app.get(PlugboardStrategy);
  const agent = (): TestAgent => {
    passport.use('plugboard', strategy);
    return request(server);
  };
  const tokens = new Map<string, string>();
  return {
    databaseUrl: db.url,
    app,
    dataSource,
    settings,
    http: agent,
    async token(email, password = DEMO_PASSWORD) {
      const key = `${email}\u0000${password}`;
      const cached = tokens.get(key);
      if (cached) return cached;
      const res = await agent().post('/api/auth/login').send({ email, password });
      if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
      const token = (res.body as { accessToken: string }).accessToken;
      tokens.set(key, token);
      return token;
    },
    async close() {
      await app.close();
      if (dataSource.isInitialized) await dataSource.destroy();
      await db.drop();
    },
  };
}

/** Asserts an RFC 9457 problem answer with the given status and machine code. */
export function expectProblem(res: request.Response, status: number, code: string): void {
  const summary = `${res.status} ${JSON.stringify(res.body)}`;
  if (res.status !== status) throw new Error(`expected ${status} ${code}, got ${summary}`);
  if (!String(res.headers['content-type']).startsWith('application/problem+json')) {
    throw new Error(`expected application/problem+json, got ${res.headers['content-type']}: ${summary}`);
  }
  const body = res.body as { code?: string; status?: number; detail?: string; type?: string; title?: string };
  if (body.code !== code) throw new Error(`expected code ${code}, got ${summary}`);
  if (body.status !== status || !body.detail || !body.type || !body.title) {
    throw new Error(`incomplete problem: ${summary}`);
  }
}
