/* Operations surface: /api/health, /api/ready, /api/metrics, and the OpenAPI document and its UI. */
import { Reflector, ModulesContainer } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { IS_PUBLIC, OPTIONAL_AUTH } from '../src/auth/auth.decorators';
import { VIEWER_ALLOWED } from '../src/auth/platform-role.guard';
import { PluginCatalogue } from '../src/plugin-routes/plugin-catalogue';
import { expectProblem, startTestApp, type TestApp } from './harness';

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
  security?: Record<string, string[]>[];
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, unknown> };
}
interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { required?: string[] }>; securitySchemes: Record<string, { type: string; scheme?: string }> };
}

/** A route as the controllers declare it, with the metadata the rules depend on. */
interface DeclaredRoute {
  key: string;
  isPublic: boolean;
  /** Anonymous callers pass and a signed-in caller is seen (never a 401). */
  optionalAuth: boolean;
  viewerAllowed: boolean;
  takesBody: boolean;
}

const bearer = (token: string): { Authorization: string } => ({ Authorization: `Bearer ${token}` });

/** `METHOD /api/path/:param` for every route Express serves under /api, except Swagger UI's own. */
function servedRoutes(t: TestApp): string[] {
  const instance = t.app.getHttpAdapter().getInstance() as unknown as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } };
  return instance.router.stack
    .flatMap((layer) => (layer.route ? Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${layer.route?.path}`) : []))
    .filter((key) => / \/api\//.test(key) && !/ \/api\/docs/.test(key))
    .sort();
}

/** Every controller route of the Nest application, read from the decorators. */
function declaredRoutes(t: TestApp): DeclaredRoute[] {
  const reflector = new Reflector();
  const routes: DeclaredRoute[] = [];
  // Plugin controllers are mounted under /api/ext/<routePrefix> by the RouterModule.
  const plugins = t.app.get(PluginCatalogue);
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const owner = plugins.ownerOf(controller);
      const base = `${owner ? `ext/${owner.routePrefix}/` : ''}${String(Reflect.getMetadata(PATH_METADATA, controller) ?? '')}`;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (method === undefined || path === undefined) continue;
        const full = `/api/${base}/${path}`.replace(/\/+/g, '/').replace(/\/$/, '');
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, unknown>;
        routes.push({
          key: `${RequestMethod[method]} ${full}`,
          isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, controller]) ?? false,
          optionalAuth: reflector.getAllAndOverride<boolean>(OPTIONAL_AUTH, [handler, controller]) ?? false,
          viewerAllowed: reflector.getAllAndOverride<boolean>(VIEWER_ALLOWED, [handler, controller]) ?? false,
          takesBody: Object.keys(args).some((k) => Number(k.split(':')[0]) === RouteParamtypes.BODY),
        });
      }
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}

/** `GET /api/teams/:teamId` → ['get', '/api/teams/{teamId}']. */
function toOpenApi(key: string): [string, string] {
  const [method = '', path = ''] = key.split(' ');
  return [method.toLowerCase(), path.replace(/:(\w+)/g, '{$1}')];
}

describe('health, metrics and API documentation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  describe('/api/health and /api/ready', () => {
    it('answers liveness to anyone, even with a bad credential', async () => {
      for (const headers of [{}, bearer('garbage')]) {
        const res = await t.http().get('/api/health').set(headers);
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ status: 'ok' });
      }
    });

    it('answers readiness with the database and cache checks', async () => {
      const res = await t.http().get('/api/ready');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok', checks: { database: 'ok', cache: 'ok' } });
    });
  });

  describe('/api/metrics', () => {
    it('is for admins only: anonymous 401, users and viewers 403', async () => {
      expectProblem(await t.http().get('/api/metrics'), 401, 'UNAUTHENTICATED');
      expectProblem(await t.http().get('/api/metrics').set(bearer(await t.token('olivia@example.com'))), 403, 'FORBIDDEN');
      expectProblem(await t.http().get('/api/metrics').set(bearer(await t.token('victor@example.com'))), 403, 'FORBIDDEN');
    });

    it('serves Prometheus text with request durations labelled by route template, not raw path', async () => {
      const admin = bearer(await t.token('admin@example.com'));
      await t.http().get('/api/health');
      const teams = await t.http().get('/api/teams').set(admin);
      await t.http().get(`/api/teams/${teams.body.items[0].id}`).set(admin);
      await t.http().get('/api/no-such-route-xyz').set(admin);

      const res = await t.http().get('/api/metrics').set(admin);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain;/);
      expect(res.headers['content-type']).toContain('version=0.0.4');
      expect(res.text).toContain('# TYPE plugboard_http_request_duration_seconds histogram');
      expect(res.text).toMatch(/plugboard_http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/api\/health",status="200"\}/);
      expect(res.text).toMatch(/plugboard_http_request_duration_seconds_count\{method="GET",route="\/api\/teams\/:teamId",status="200"\} 1/);
      // Unknown paths share one label (Nest's catch-all route), so they cannot blow up cardinality.
      expect(res.text).toMatch(/_count\{method="GET",route="(unmatched|\/api\{\/\*splat\})",status="404"\} 1/);
      expect(res.text).not.toContain('no-such-route-xyz');
      expect(res.text).not.toContain(teams.body.items[0].id);
      expect(res.text).toMatch(/^plugboard_process_cpu_user_seconds_total /m);
    });
  });

  describe('/api/openapi.json', () => {
    let doc: OpenApiDocument;
    let declared: DeclaredRoute[];
    beforeAll(async () => {
      const res = await t.http().get('/api/openapi.json');
      expect(res.status).toBe(200);
      doc = res.body as OpenApiDocument;
      declared = declaredRoutes(t);
    });

    it('is an OpenAPI 3 document served to anonymous callers', () => {
      expect(doc.openapi).toMatch(/^3\./);
      expect(Object.keys(doc.paths).length).toBeGreaterThan(10);
    });

    it('reads the same routes from the controllers as the app serves', () => {
      expect(declared.map((r) => r.key)).toEqual(servedRoutes(t));
      expect(declared.length).toBeGreaterThanOrEqual(29);
      // Deny by default: only these are open to anonymous callers, and viewers reach only their identity, their notifications and the catalog.
      // (and the example plugin's @Public ping: a plugin's own choice, answering 404 until the plugin is in the registry).
      expect(declared.filter((r) => r.isPublic).map((r) => r.key)).toEqual([
        'GET /api/ext/acme-greeter/ping', 'GET /api/health', 'GET /api/ready', 'POST /api/auth/login', 'POST /api/auth/logout',
      ]);
      expect(declared.filter((r) => r.viewerAllowed).map((r) => r.key)).toEqual([
        'DELETE /api/users/me/tokens/:id', 'GET /api/bootstrap', 'GET /api/notifications', 'GET /api/plugins', 'GET /api/plugins/:pluginName/me/role', 'GET /api/users/me', 'GET /api/users/me/tokens',
        'POST /api/notifications/:id/read', 'POST /api/users/me/tokens',
      ]);
    });

    it('documents every served route with its method, and nothing else', () => {
      const served = servedRoutes(t).map(toOpenApi);
      const missing = served.filter(([method, path]) => !doc.paths[path]?.[method]).map((r) => r.join(' '));
      expect(missing).toEqual([]);
      const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`));
      expect(documented.sort()).toEqual(served.map((r) => r.join(' ')).sort());
    });

    it('declares the bearer scheme and the problem schema', () => {
      expect(doc.components.securitySchemes['bearer']).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(doc.components.schemas['ProblemDto']?.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail', 'code']));
    });

    it('gives every operation a success response and every error response the problem schema', () => {
      const wrong: string[] = [];
      for (const [path, ops] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          // MCP's server-to-client stream: a stateless MCP server declines it with 405, as the protocol allows.
          const alwaysDeclined = method === 'get' && path === '/api/servers/{serverId}/mcp';
          if (!alwaysDeclined && !Object.keys(op.responses).some((s) => /^2\d\d$/.test(s))) wrong.push(`${method} ${path}: no 2xx response`);
          for (const [status, response] of Object.entries(op.responses)) {
            if (!/^[45]\d\d$/.test(status) || (path === '/api/ready' && status === '503')) continue;
            if (response.content?.['application/problem+json']?.schema?.$ref !== '#/components/schemas/ProblemDto') {
              wrong.push(`${method} ${path} ${status}: not a problem+json ProblemDto`);
            }
          }
        }
      }
      expect(wrong).toEqual([]);
    });

    it('documents the errors each route can give: 401 and the bearer scheme off the public routes, 403 where viewers are refused, 404 on ids, 400 on bodies', () => {
      const wrong: string[] = [];
      for (const route of declared) {
        const [method, path] = toOpenApi(route.key);
        const op = doc.paths[path]?.[method];
        if (!op) continue; // reported by the coverage test
        const has = (status: number) => status.toString() in op.responses;
        if (!route.isPublic) {
          if (!route.optionalAuth && !has(401)) wrong.push(`${route.key}: no 401`);
          if (!op.security?.some((s) => 'bearer' in s)) wrong.push(`${route.key}: no bearer security`);
          if (!route.viewerAllowed && !has(403)) wrong.push(`${route.key}: no 403`);
        }
        if (/\{\w+\}/.test(path) && !has(404)) wrong.push(`${route.key}: no 404`);
        if (route.takesBody) {
          if (!has(400)) wrong.push(`${route.key}: no 400`);
          if (!op.requestBody?.content['application/json']) wrong.push(`${route.key}: no JSON request body`);
        }
      }
      expect(wrong).toEqual([]);
    });
  });

  describe('/api/docs', () => {
    it('serves Swagger UI as HTML', async () => {
      const res = await t.http().get('/api/docs');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toMatch(/swagger-ui/i);
    });
  });
});
