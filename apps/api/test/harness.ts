/**
 * Starts the real application for an integration suite, on a database of its own: a temporary
 * SQLite file, or a new PostgreSQL database that is dropped afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DataSource } from 'typeorm';
import { buildApp } from '../src/bootstrap';
import { loadSettings, type Settings } from '../src/config/settings';
import { SeedService } from '../src/seed/seed.service';
import { DEMO_PASSWORD } from '../src/seed/demo-data';

export type TestDb = 'sqlite' | 'postgres';

export const TEST_DB: TestDb = process.env['PLUGBOARD_TEST_DB'] === 'postgres' ? 'postgres' : 'sqlite';
const PG_ADMIN_URL = process.env['PLUGBOARD_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

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
  app: NestExpressApplication;
  dataSource: DataSource;
  settings: Settings;
  http: () => TestAgent;
  /** Signs in a demo user (or any user with the given password) and returns a bearer token. */
  token(email: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const settings = loadSettings({
    DATABASE_URL: db.url,
    PLUGBOARD_JWT_SECRET: 'integration-test-secret-0123456789',
    PLUGBOARD_SEED_DEMO: 'true',
    PLUGBOARD_LOG_LEVEL: 'silent',
    ...env,
  });
  let built: Awaited<ReturnType<typeof buildApp>>;
  try {
    built = await buildApp(settings, { logger: false });
    await built.app.get(SeedService).run();
  } catch (error) {
    await db.drop();
    throw error;
  }
  const { app, dataSource } = built;
  const server = app.getHttpServer();
  const tokens = new Map<string, string>();
  return {
    app,
    dataSource,
    settings,
    http: () => request(server),
    async token(email, password = DEMO_PASSWORD) {
      const key = `${email}\u0000${password}`;
      const cached = tokens.get(key);
      if (cached) return cached;
      const res = await request(server).post('/api/auth/login').send({ email, password });
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
