/* Personal API tokens: POST|GET /users/me/tokens, DELETE /users/me/tokens/:id. */
import { createHash, randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { ApiTokenEntity } from '../src/users/api-token.entity';
import { expectProblem, startTestApp, type TestApp } from './harness';

interface CreatedToken {
  id: string;
  name: string;
  prefix: string;
  token: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

const bearer = (token: string): { Authorization: string } => ({ Authorization: `Bearer ${token}` });

describe('personal API tokens', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  /** Creates a token for the user signed in with `session` (a JWT) and returns the answer. */
  async function createToken(session: string, overrides: Record<string, unknown> = {}): Promise<CreatedToken> {
    const res = await t.http()
      .post('/api/users/me/tokens')
      .set(bearer(session))
      .send({ name: `token-${randomUUID().slice(0, 8)}`, ...overrides });
    expect(res.status).toBe(201);
    return res.body as CreatedToken;
  }

  const tokenCount = (): Promise<number> => t.dataSource.getRepository(ApiTokenEntity).count();

  const me = (credential: string): Promise<Response> => t.http().get('/api/users/me').set(bearer(credential));

  it('creates a token that is shown once and works as a bearer credential', async () => {
    const alice = await t.token('alice@example.com');
    const created = await createToken(alice, { name: 'ci pipeline' });
    expect(created).toMatchObject({ name: 'ci pipeline', lastUsedAt: null, expiresAt: null });
    expect(created.token).toMatch(/^pbt_[\w-]{30,}$/);
    expect(created.prefix).toBe(created.token.slice(0, 12));
    expect(Date.parse(created.createdAt)).not.toBeNaN();

    const res = await me(created.token);
    expect(res.status).toBe(200);
    expect(res.body.email).toBe('alice@example.com');

    // Only the hash is stored.
    const row = await t.dataSource.getRepository(ApiTokenEntity).findOneByOrFail({ id: created.id });
    expect(row.tokenHash).toBe(createHash('sha256').update(created.token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(created.token);
  });

  it('lists the caller\'s tokens without the secret, with last use recorded', async () => {
    const olivia = await t.token('olivia@example.com');
    const first = await createToken(olivia, { name: 'first' });
    const second = await createToken(olivia, { name: 'second' });
    expect((await me(first.token)).status).toBe(200);

    const res = await t.http().get('/api/users/me/tokens').set(bearer(olivia));
    expect(res.status).toBe(200);
    const list = res.body as Record<string, unknown>[];
    expect(list.map((x) => x['id'])).toEqual(expect.arrayContaining([first.id, second.id]));
    expect(list).toHaveLength(2);
    for (const item of list) {
      expect(Object.keys(item).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'lastUsedAt', 'name', 'prefix']);
    }
    expect(JSON.stringify(list)).not.toContain(first.token);
    expect(JSON.stringify(list)).not.toContain(second.token);
    expect(list.find((x) => x['id'] === first.id)?.['lastUsedAt']).toEqual(expect.any(String));
    expect(list.find((x) => x['id'] === second.id)?.['lastUsedAt']).toBeNull();

    // Nobody else sees them.
    const others = await t.http().get('/api/users/me/tokens').set(bearer(await t.token('sam@example.com')));
    expect(others.status).toBe(200);
    expect((others.body as { id: string }[]).map((x) => x.id)).not.toContain(first.id);
  });

  it('revokes a token: 204, then the token answers 401 and a second revoke 404', async () => {
    const alice = await t.token('alice@example.com');
    const created = await createToken(alice);
    expect((await me(created.token)).status).toBe(200);

    const revoke = await t.http().delete(`/api/users/me/tokens/${created.id}`).set(bearer(alice));
    expect(revoke.status).toBe(204);
    expectProblem(await me(created.token), 401, 'UNAUTHENTICATED');
    expectProblem(await t.http().delete(`/api/users/me/tokens/${created.id}`).set(bearer(alice)), 404, 'NOT_FOUND');
    const list = await t.http().get('/api/users/me/tokens').set(bearer(alice));
    expect((list.body as { id: string }[]).map((x) => x.id)).not.toContain(created.id);
  });

  it('refuses to let an API token mint further tokens', async () => {
    const bob = await t.token('bob@example.com');
    const created = await createToken(bob);
    const before = await tokenCount();
    const res = await t.http().post('/api/users/me/tokens').set(bearer(created.token)).send({ name: 'minted' });
    expectProblem(res, 403, 'FORBIDDEN');
    expect(await tokenCount()).toEqual(before);
  });

  it('answers 404 for another user\'s token id and leaves that token working', async () => {
    const bobs = await createToken(await t.token('bob@example.com'));
    const alice = await t.token('alice@example.com');
    expectProblem(await t.http().delete(`/api/users/me/tokens/${bobs.id}`).set(bearer(alice)), 404, 'NOT_FOUND');
    expectProblem(await t.http().delete(`/api/users/me/tokens/${randomUUID()}`).set(bearer(alice)), 404, 'NOT_FOUND');
    expectProblem(await t.http().delete('/api/users/me/tokens/not-a-uuid').set(bearer(alice)), 404, 'NOT_FOUND');
    expect((await me(bobs.token)).status).toBe(200);
  });

  it('sets expiresAt from expiresInDays and refuses an expired token', async () => {
    const sam = await t.token('sam@example.com');
    const before = Date.now();
    const created = await createToken(sam, { expiresInDays: 30 });
    const expires = Date.parse(created.expiresAt ?? '');
    expect(expires).toBeGreaterThanOrEqual(before + 30 * 86_400_000 - 1_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 30 * 86_400_000 + 1_000);
    expect((await me(created.token)).status).toBe(200);

    await t.dataSource.getRepository(ApiTokenEntity).update({ id: created.id }, { expiresAt: new Date(Date.now() - 60_000) });
    expectProblem(await me(created.token), 401, 'UNAUTHENTICATED');
  });

  it.each([
    ['zero', { expiresInDays: 0 }, '/expiresInDays'],
    ['negative', { expiresInDays: -5 }, '/expiresInDays'],
    ['over ten years', { expiresInDays: 3651 }, '/expiresInDays'],
    ['a fraction', { expiresInDays: 1.5 }, '/expiresInDays'],
    ['a numeric string', { expiresInDays: '7' }, '/expiresInDays'],
    ['an empty name', { name: '' }, '/name'],
    ['a name of 101 characters', { name: 'x'.repeat(101) }, '/name'],
    ['a name with markup', { name: '<script>' }, '/name'],
    ['a missing name', { name: undefined }, '/name'],
    ['an unknown field', { scopes: ['admin'] }, '/scopes'],
  ])('validates the body: %s → 400', async (_label, overrides, pointer) => {
    const alice = await t.token('alice@example.com');
    const before = await tokenCount();
    const res = await t.http().post('/api/users/me/tokens').set(bearer(alice)).send({ name: 'valid-name', ...overrides });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect((res.body.errors as { pointer: string }[]).map((e) => e.pointer)).toContain(pointer);
    expect(await tokenCount()).toEqual(before);
  });

  it('accepts the limits of expiresInDays', async () => {
    const alice = await t.token('alice@example.com');
    expect((await createToken(alice, { expiresInDays: 1 })).expiresAt).toEqual(expect.any(String));
    expect((await createToken(alice, { expiresInDays: 3650 })).expiresAt).toEqual(expect.any(String));
  });

  it('lets viewers manage tokens, and a viewer\'s token carries the viewer role', async () => {
    const victor = await t.token('victor@example.com');
    const created = await createToken(victor);
    expect((await me(created.token)).body.platformRole).toBe('viewer');
    expectProblem(await t.http().get('/api/servers').set(bearer(created.token)), 403, 'FORBIDDEN');
    expect((await t.http().get('/api/users/me/tokens').set(bearer(victor))).status).toBe(200);
    expect((await t.http().delete(`/api/users/me/tokens/${created.id}`).set(bearer(victor))).status).toBe(204);
  });

  it('accepts an API token only in the Authorization header, not as the session cookie', async () => {
    const created = await createToken(await t.token('alice@example.com'));
    expectProblem(await t.http().get('/api/users/me').set('Cookie', `pb_session=${created.token}`), 401, 'UNAUTHENTICATED');
  });

  it('mints tokens from a session cookie', async () => {
    const login = await t.http().post('/api/auth/login').send({ email: 'sam@example.com', password: 'plugboard-demo' });
    const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
    const res = await t.http().post('/api/users/me/tokens').set('Cookie', cookie).send({ name: 'from-the-spa' });
    expect(res.status).toBe(201);
    expect((await me(res.body.token)).body.email).toBe('sam@example.com');
  });

  it('caps the number of tokens per user with 409 CONFLICT', async () => {
    const session = await t.token('bob@example.com');
    const held = (await t.http().get('/api/users/me/tokens').set(bearer(session))).body.length as number;
    for (let i = held; i < 50; i++) await createToken(session);
    expectProblem(await t.http().post('/api/users/me/tokens').set(bearer(session)).send({ name: 'one-too-many' }), 409, 'CONFLICT');
  });

  it('requires authentication on every token route', async () => {
    expectProblem(await t.http().get('/api/users/me/tokens'), 401, 'UNAUTHENTICATED');
    expectProblem(await t.http().post('/api/users/me/tokens').send({ name: 'x' }), 401, 'UNAUTHENTICATED');
    expectProblem(await t.http().delete(`/api/users/me/tokens/${randomUUID()}`), 401, 'UNAUTHENTICATED');
    expectProblem(await t.http().get('/api/users/me/tokens').set(bearer('pbt_not-a-real-token')), 401, 'UNAUTHENTICATED');
  });
});
