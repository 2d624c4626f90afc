/**
 * Plugin routes in the OpenAPI document. Plugin authors decorate their controllers with the SDK
 * only (no @nestjs/swagger), so the platform documents what it enforces on every /api/ext route:
 * the bearer scheme and 401 unless the route is public, 403 (viewers, plugin roles), 404 while
 * the plugin is out of the registry or disabled, all as problem+json, tagged by plugin.
 */
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import type { OpenAPIObject } from '@nestjs/swagger';
import { pluginRouteAccess } from '@plugboard/plugin-sdk';
import { controllersOf } from './plugin-catalogue';
import type { KnownPluginModule } from './plugin-discovery';

const PROBLEM = { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } };

function openApiPath(...parts: string[]): string {
  const path = `/${parts.join('/')}`.replace(/\/+/g, '/').replace(/\/$/, '');
  return path.replace(/:(\w+)/g, '{$1}');
}

export function documentPluginRoutes(document: OpenAPIObject, modules: readonly KnownPluginModule[]): void {
  for (const plugin of modules) {
    for (const controller of controllersOf(plugin.module)) {
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (method === undefined || path === undefined) continue;
        const verb = RequestMethod[method].toLowerCase() as 'get';
        const op = document.paths[openApiPath('api', 'ext', plugin.routePrefix, base, path)]?.[verb];
        if (!op) continue;
        const access = pluginRouteAccess(handler, controller);
        op.tags = [`plugin: ${plugin.manifest.name}`];
        const roles = access.roles ? ` Needs a ${plugin.manifest.name} role: ${access.roles.join(', ')} (platform admins pass).` : '';
        op.description = [op.description, `Contributed by the plugin ${plugin.manifest.name} ${plugin.manifest.version}.${roles}`].filter(Boolean).join('\n\n');
        const responses: Record<string, unknown> = { ...op.responses };
        responses['404'] = { description: `Not found, or ${plugin.manifest.name} is not in the registry or is disabled (PLUGIN_NOT_FOUND)`, content: PROBLEM };
        if (!access.public) {
          op.security = [{ bearer: [] }];
          if (!access.optional) responses['401'] = { description: 'Not authenticated (UNAUTHENTICATED)', content: PROBLEM };
          responses['403'] = { description: access.roles ? 'Missing the plugin role, or a viewer (FORBIDDEN)' : 'Viewers may not call plugin routes (FORBIDDEN)', content: PROBLEM };
        }
        op.responses = responses as typeof op.responses;
      }
    }
  }
}
