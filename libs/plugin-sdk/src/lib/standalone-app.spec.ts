import { Body, Controller, Get, INestApplication, Module, Post } from '@nestjs/common';
import request from 'supertest';
import { CONTINUE } from './hooks';
import { PlugboardPlugin } from './plugin.decorator';
import { ValidationException } from './plugin.exceptions';
import { CurrentUser, OptionalUser, PluginRoleResolver, PluginUser, Public, RequirePluginRole } from './route.decorators';
import { createStandaloneApp } from './standalone-app';

@Controller('notes')
class NotesController {
  @Public()
  @Get('ping')
  ping(@OptionalUser() user: PluginUser | null): { ok: true; user: string | null } {
    return { ok: true, user: user?.id ?? null };
  }

  @RequirePluginRole('editor')
  @Get('mine')
  mine(@CurrentUser() user: PluginUser): { userId: string; email: string } {
    return { userId: user.id, email: user.email };
  }

  @RequirePluginRole('editor')
  @Post()
  create(@Body() body: { title?: unknown }): { title: string } {
    if (typeof body.title !== 'string' || body.title === '') {
      throw new ValidationException('title is required', { code: 'NOTE_TITLE_REQUIRED' });
    }
    return { title: body.title };
  }

  @RequirePluginRole('editor')
  @Get('crash')
  crash(): never {
    throw new Error('connection string postgres://secret');
  }
}

@PlugboardPlugin({ name: 'NotesDemoPlugin', version: '0.0.1', hooks: { tool_pre_invoke: () => CONTINUE }, configSchema: { type: 'object' } })
@Module({ controllers: [NotesController] })
class NotesDemoPluginModule {}

describe('createStandaloneApp', () => {
  let app: INestApplication | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it("mounts the plugin under /api/ext/<prefix> and serves public routes without a user", async () => {
    app = await createStandaloneApp(NotesDemoPluginModule, { auth: 'deny' });
    await request(app.getHttpServer()).get('/api/ext/notes-demo/notes/ping').expect(200, { ok: true, user: null });
  });

  it("answers 401 problem+json for protected routes in 'deny'", async () => {
    app = await createStandaloneApp(NotesDemoPluginModule, { auth: 'deny' });
    const res = await request(app.getHttpServer()).get('/api/ext/notes-demo/notes/mine').expect(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', plugin: 'NotesDemoPlugin' });
  });

  it("in 'allow' sets the given user and checks the plugin role", async () => {
    app = await createStandaloneApp(NotesDemoPluginModule, { auth: 'allow', user: { id: 'u-7', email: 'e@x.io', roles: ['editor'] } });
    await request(app.getHttpServer()).get('/api/ext/notes-demo/notes/mine').expect(200, { userId: 'u-7', email: 'e@x.io' });
  });

  it("in 'allow' without the role answers 403 problem+json", async () => {
    app = await createStandaloneApp(NotesDemoPluginModule, { auth: 'allow', user: { roles: ['reader'] } });
    const res = await request(app.getHttpServer()).get('/api/ext/notes-demo/notes/mine').expect(403);
    expect(res.body).toMatchObject({ code: 'PLUGIN_ROLE_REQUIRED', plugin: 'NotesDemoPlugin' });
  });

  it('lets a platform admin through without the role', async () => {
    app = await createStandaloneApp(NotesDemoPluginModule, { auth: 'allow', user: { platformRole: 'admin' } });
    await request(app.getHttpServer()).get('/api/ext/notes-demo/notes/mine').expect(200);
  });

  it('reads the role on every request (a revoked role takes effect at once)', async () => {
    let roles = ['editor'];
    const resolver: PluginRoleResolver = { rolesOf: () => Promise.resolve(roles) };
    app = await createStandaloneApp(NotesDemoPluginModule, { auth: 'allow', roleResolver: resolver });
    await request(app.getHttpServer()).get('/api/ext/notes-demo/notes/mine').expect(200);
    roles = [];
    await request(app.getHttpServer()).get('/api/ext/notes-demo/notes/mine').expect(403);
  });

  it('turns a ValidationException into 422 problem+json naming the plugin', async () => {
    app = await createStandaloneApp(NotesDemoPluginModule, { auth: 'allow', user: { roles: ['editor'] } });
    const res = await request(app.getHttpServer()).post('/api/ext/notes-demo/notes').send({}).expect(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toEqual({
      type: 'https://plugboard.dev/problems/note-title-required',
      title: 'Unprocessable content',
      status: 422,
      detail: 'title is required',
      code: 'NOTE_TITLE_REQUIRED',
      plugin: 'NotesDemoPlugin',
    });
    await request(app.getHttpServer()).post('/api/ext/notes-demo/notes').send({ title: 'hi' }).expect(201, { title: 'hi' });
  });

  it('answers an unexpected error with a generic 500 that echoes nothing', async () => {
    app = await createStandaloneApp(NotesDemoPluginModule, { auth: 'allow', user: { roles: ['editor'] }, logger: false });
    const res = await request(app.getHttpServer()).get('/api/ext/notes-demo/notes/crash').expect(500);
    expect(res.body).toMatchObject({ code: 'PLUGIN_INTERNAL_ERROR', plugin: 'NotesDemoPlugin' });
    expect(res.text).not.toContain('secret');
  });

  it('answers unknown routes 404 problem+json', async () => {
    app = await createStandaloneApp(NotesDemoPluginModule, { auth: 'allow' });
    const res = await request(app.getHttpServer()).get('/api/ext/notes-demo/nope').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('refuses a module that is not a plugin, and an unguarded controller', async () => {
    @Module({})
    class NotAPlugin {}
    await expect(createStandaloneApp(NotAPlugin, { auth: 'allow' })).rejects.toThrow(/not a Plugboard plugin/);

    @Controller('open')
    class OpenController {
      @Get() list(): string[] { return []; }
    }
    @PlugboardPlugin({ name: 'LeakyPlugin', version: '0.0.1', hooks: {}, configSchema: {} })
    @Module({ controllers: [OpenController] })
    class LeakyPluginModule {}
    await expect(createStandaloneApp(LeakyPluginModule, { auth: 'allow' })).rejects.toThrow(/LeakyPlugin: controller OpenController/);
  });
});
