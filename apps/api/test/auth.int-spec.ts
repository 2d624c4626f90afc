import { expectProblem, startTestApp, type TestApp } from './harness';

describe('auth and identity', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('logs in with a demo password, sets a strict httpOnly cookie and answers the user', async () => {
    const res = await t.http().post('/api/auth/login').send({ email: 'alice@example.com', password: 'plugboard-demo' });
    expect(res.status).toBe(200);
    expect(res.body.accessToken).toMatch(/^ey/);
    expect(res.body.user).toMatchObject({ email: 'alice@example.com', platformRole: 'user' });
    expect(res.body.user.teams).toEqual([expect.objectContaining({ slug: 'engineering', role: 'member' })]);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/pb_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it('accepts the email in any case', async () => {
    const res = await t.http().post('/api/auth/login').send({ email: 'Alice@Example.com', password: 'plugboard-demo' });
    expect(res.status).toBe(200);
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    expectProblem(await t.http().post('/api/auth/login').send({ email: 'alice@example.com', password: 'nope' }), 401, 'INVALID_CREDENTIALS');
    expectProblem(await t.http().post('/api/auth/login').send({ email: 'nobody@example.com', password: 'nope' }), 401, 'INVALID_CREDENTIALS');
  });

  it('validates the login body', async () => {
    const res = await t.http().post('/api/auth/login').send({ email: 'not-an-email', password: 'x', extra: 1 });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(expect.arrayContaining(['/email', '/extra']));
  });

  it('serves /users/me with a bearer token, with the session cookie, and 401 without either', async () => {
    const token = await t.token('olivia@example.com');
    const bearer = await t.http().get('/api/users/me').set('Authorization', `Bearer ${token}`);
    expect(bearer.status).toBe(200);
    expect(bearer.body).toMatchObject({ email: 'olivia@example.com', teams: [expect.objectContaining({ slug: 'engineering', role: 'owner' })] });

    const login = await t.http().post('/api/auth/login').send({ email: 'olivia@example.com', password: 'plugboard-demo' });
    const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
    const viaCookie = await t.http().get('/api/users/me').set('Cookie', cookie);
    expect(viaCookie.status).toBe(200);

    expectProblem(await t.http().get('/api/users/me'), 401, 'UNAUTHENTICATED');
    expectProblem(await t.http().get('/api/users/me').set('Authorization', 'Bearer garbage'), 401, 'UNAUTHENTICATED');
    expectProblem(await t.http().get('/api/users/me').set('Authorization', `Bearer ${token}x`), 401, 'UNAUTHENTICATED');
  });

  it('logout clears the session cookie', async () => {
    const res = await t.http().post('/api/auth/logout');
    expect(res.status).toBe(204);
    expect(String(res.headers['set-cookie'])).toMatch(/pb_session=;/);
  });
});
