import { createSecretKey } from 'node:crypto';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DataSource } from 'typeorm';
import { SETTINGS, type Settings } from './config/settings';
import { ENTITIES } from './database/entities';
import { ProblemFilter } from './common/problem.filter';
import { CacheModule } from './cache/cache.module';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { AuthenticationGuard } from './auth/authentication.guard';
import { PlatformRoleGuard } from './auth/platform-role.guard';
import { PlugboardStrategy } from './auth/plugboard.strategy';
import { UsersController } from './users/users.controller';
import { AdminUsersController } from './users/admin-users.controller';
import { UsersService } from './users/users.service';
import { TokensService } from './users/tokens.service';
import { TeamsController } from './teams/teams.controller';
import { TeamsService } from './teams/teams.service';
import { TeamAccessService } from './teams/team-access.service';
import { ServersController } from './servers/servers.controller';
import { ServersService } from './servers/servers.service';
import { ServerAccessService } from './servers/server-access.service';
import { ToolsService } from './servers/tools.service';
import { ResourcesService } from './servers/resources.service';
import { PromptsService } from './servers/prompts.service';
import { ServerResourcesController } from './servers/server-resources.controller';
import { ServerPromptsController } from './servers/server-prompts.controller';
import { McpController } from './mcp/mcp.controller';
import { McpService } from './mcp/mcp.service';
import { HealthController } from './health/health.controller';
import { MetricsService } from './health/metrics.service';
import { SeedService } from './seed/seed.service';
import { GovernanceCoreModule } from './governance/governance.module';
import { RegistryModule } from './registry/registry.module';
import { AdminOpsModule } from './admin-ops/admin-ops.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ReportsModule } from './reports/reports.module';
import { SettingsService } from './governance/settings.service';
import { SettingTargetsService } from './governance/setting-targets.service';
import { TeamPluginsController } from './governance/team-plugins.controller';
import { UserPluginsController } from './governance/user-plugins.controller';
import { ServerPluginsController } from './governance/server-plugins.controller';
import { PluginLoaderService } from './plugins-runtime/plugin-loader.service';
import { PluginPipelineService } from './plugins-runtime/plugin-pipeline.service';
import { PlaygroundController } from './plugins-runtime/playground.controller';
import { PlaygroundService } from './plugins-runtime/playground.service';
import { SignalsModule } from './signals/signals.module';
import { PluginRoutesModule } from './plugin-routes/plugin-routes.module';
import { pluginModulesForRouting } from './plugin-routes/plugin-discovery';
import { PluginRouteAccessGuard, PluginRouteAvailabilityGuard } from './plugin-routes/plugin-route.guards';
import { BootstrapController } from './bootstrap-payload/bootstrap.controller';

const REQUEST_ID = /^[\w.-]{1,64}$/;

function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

@Module({})
export class AppModule {
  /** The application for one settings object and one initialised, migrated DataSource. */
  static forRoot(settings: Settings, dataSource: DataSource): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: settings.logLevel,
            genReqId: requestId,
            redact: {
              paths: [
                'req.headers.authorization',
                'req.headers.cookie',
                'res.headers["set-cookie"]',
                '*.password',
                '*.accessToken',
                '*.token',
              ],
              censor: '[redacted]',
            },
            autoLogging: { ignore: (req) => req.url === '/api/health' },
            serializers: {
              req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url?.split('?')[0] }),
            },
          },
        }),
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSource.options,
          dataSourceFactory: async () => dataSource,
        }),
        TypeOrmModule.forFeature(ENTITIES),
        PassportModule,
        // A KeyObject, not the string: jsonwebtoken would first try to parse a string as a PEM key on
        // every sign and verify (0.5-0.6 ms per request, measured by bench:plugins) before using it as a secret.
        JwtModule.register({ secret: createSecretKey(Buffer.from(settings.jwtSecret.reveal(), 'utf8')), signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } }),
        SignalsModule,
        PluginRoutesModule.forRoot(pluginModulesForRouting(settings)),
        CacheModule,
        GovernanceCoreModule,
        RegistryModule,
        NotificationsModule,
        AdminOpsModule,
        ReportsModule,
      ],
      controllers: [
        AuthController,
        UsersController,
        AdminUsersController,
        TeamsController,
        ServersController,
        ServerResourcesController,
        ServerPromptsController,
        McpController,
        HealthController,
        TeamPluginsController,
        UserPluginsController,
        ServerPluginsController,
        PlaygroundController,
        BootstrapController,
      ],
      providers: [
        { provide: SETTINGS, useValue: settings },
        { provide: APP_FILTER, useClass: ProblemFilter },
        // Order matters: a missing or disabled plugin's routes are 404 before anyone is asked to sign in.
        { provide: APP_GUARD, useExisting: PluginRouteAvailabilityGuard },
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_GUARD, useClass: PlatformRoleGuard },
        { provide: APP_GUARD, useExisting: PluginRouteAccessGuard },
        PlugboardStrategy,
        AuthService,
        UsersService,
        TokensService,
        TeamAccessService,
        TeamsService,
        ServerAccessService,
        ServersService,
        ToolsService,
        ResourcesService,
        PromptsService,
        McpService,
        MetricsService,
        SeedService,
        SettingsService,
        SettingTargetsService,
        PluginLoaderService,
        PluginPipelineService,
        PlaygroundService,
      ],
      exports: [SETTINGS, PluginLoaderService],
    };
  }
}
