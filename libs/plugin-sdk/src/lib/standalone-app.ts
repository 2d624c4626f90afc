/**
 * Standalone mode: boots one plugin module in its own Nest app, with a stub auth guard, so its author
 * can test routes, guards and errors without the platform.
 */
import {
  ArgumentsHost,
  CanActivate,
  Catch,
  ExceptionFilter,
  ExecutionContext,
  HttpException,
  INestApplication,
  Logger,
  LoggerService,
  Module,
  Type,
} from '@nestjs/common';
import { MODULE_METADATA } from '@nestjs/common/constants';
import { APP_FILTER, APP_GUARD, NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { PROBLEM_CONTENT_TYPE } from '@plugboard/shared-contracts';
import type { Response } from 'express';
import { defaultRoutePrefix, pluginManifestOf } from './plugin.decorator';
import { PermissionException, PluginException, toPluginProblem } from './plugin.exceptions';
import {
  assertGuarded,
  decidePluginAccess,
  PLUGIN_ROLE_RESOLVER,
  pluginRouteAccess,
  PluginRoleResolver,
  PluginUser,
} from './route.decorators';

export interface StandaloneUser extends Partial<PluginUser> {
  /** The caller's roles in this plugin. */
  roles?: string[];
}

export interface StandaloneOptions {
  /** `allow`: every non-public route sees `user`; `deny`: no caller, non-public routes answer 401. */
  auth: 'allow' | 'deny';
  user?: StandaloneUser;
  /** Replaces the fixed `user.roles` (e.g. to revoke a role between requests). */
  roleResolver?: PluginRoleResolver;
  /** Nest's logger; off by default so test output stays clean. */
  logger?: false | LoggerService;
}

export const STANDALONE_DEFAULT_USER: PluginUser = Object.freeze({
  id: '00000000-0000-4000-8000-000000000001',
  email: 'plugin-author@plugboard.local',
  platformRole: 'user',
});

type ModuleClass = Type<unknown>;

/** The plugin module's controllers and those of the modules it imports statically. */
function controllersOf(module: ModuleClass, seen = new Set<unknown>()): Type<unknown>[] {
  if (seen.has(module)) return [];
  seen.add(module);
  const own = (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, module) as Type<unknown>[] | undefined) ?? [];
  const imports = (Reflect.getMetadata(MODULE_METADATA.IMPORTS, module) as unknown[] | undefined) ?? [];
  const nested = imports.filter((item): item is ModuleClass => typeof item === 'function').flatMap((item) => controllersOf(item, seen));
  return [...own, ...nested];
}

class StandaloneAuthGuard implements CanActivate {
  constructor(
    private readonly pluginName: string,
    private readonly options: StandaloneOptions,
    private readonly resolver: PluginRoleResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = pluginRouteAccess(context.getHandler(), context.getClass());
    const request = context.switchToHttp().getRequest<{ user?: PluginUser | null }>();
    // Like the platform: public routes never run authentication, so they see no user.
    const user: PluginUser | null =
      this.options.auth === 'allow' && !access.public
        ? {
            id: this.options.user?.id ?? STANDALONE_DEFAULT_USER.id,
            email: this.options.user?.email ?? STANDALONE_DEFAULT_USER.email,
            platformRole: this.options.user?.platformRole ?? STANDALONE_DEFAULT_USER.platformRole,
          }
        : null;
    request.user = user;
    const decision = await decidePluginAccess({ access, user, pluginName: this.pluginName, resolver: this.resolver });
    switch (decision) {
      case 'allow':
        return true;
      case 'unauthenticated':
        throw new PluginException(401, 'UNAUTHENTICATED', 'Sign in or send a bearer token');
      case 'forbidden':
        throw new PermissionException(`Needs one of the plugin roles: ${(access.roles ?? []).join(', ')}`, { code: 'PLUGIN_ROLE_REQUIRED' });
    }
  }
}

@Catch()
class StandaloneProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('StandalonePlugin');

  constructor(private readonly pluginName: string) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    let problem;
    if (error instanceof HttpException && !(error instanceof PluginException)) {
      // Nest's own (unknown route, body parser): keep its status, still as problem+json.
      const status = error.getStatus();
      problem = { ...toPluginProblem(new PluginException(status >= 400 ? status : 500, 'HTTP_ERROR', error.message), this.pluginName) };
    } else {
      if (!(error instanceof PluginException)) this.logger.error('Unexpected plugin error', error instanceof Error ? error.stack : error);
      problem = toPluginProblem(error, this.pluginName);
    }
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }
}

/**
 * Boots `pluginModule` alone, its routes under `/api/ext/<routePrefix>/`. Refuses a module without
 * `@PlugboardPlugin` and a controller without an access decision, as the platform does. The caller
 * closes the app.
 */
export async function createStandaloneApp(pluginModule: ModuleClass, options: StandaloneOptions): Promise<INestApplication> {
  const manifest = pluginManifestOf(pluginModule);
  if (!manifest) {
    throw new Error(`${pluginModule.name || 'The module'} is not a Plugboard plugin: decorate it with @PlugboardPlugin({...})`);
  }
  for (const controller of controllersOf(pluginModule)) assertGuarded(controller, manifest.name);

  const roles = options.user?.roles ?? [];
  const resolver: PluginRoleResolver = options.roleResolver ?? { rolesOf: () => Promise.resolve([...roles]) };
  const guard = new StandaloneAuthGuard(manifest.name, options, resolver);
  const filter = new StandaloneProblemFilter(manifest.name);

  @Module({
    imports: [pluginModule],
    providers: [
      { provide: APP_GUARD, useValue: guard },
      { provide: APP_FILTER, useValue: filter },
      { provide: PLUGIN_ROLE_RESOLVER, useValue: resolver },
    ],
  })
  class StandaloneHostModule {}

  const app = await NestFactory.create(StandaloneHostModule, new ExpressAdapter(), { logger: options.logger ?? false, abortOnError: false });
  app.setGlobalPrefix(`api/ext/${manifest.routePrefix ?? defaultRoutePrefix(manifest.name)}`);
  await app.init();
  return app;
}
