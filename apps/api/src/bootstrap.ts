/** Builds the whole HTTP application; main.ts and the integration tests both use it. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { DataSource } from 'typeorm';
import { PROBLEM_CONTENT_TYPE } from '@plugboard/shared-contracts';
import { AppModule } from './app.module';
import type { Settings } from './config/settings';
import { createDataSource, migrate } from './database/data-source.factory';
import { toProblem } from './common/problem.filter';
import { DomainError } from './common/domain-error';
import { createValidationPipe } from './common/validation.pipe';
import { MetricsService } from './health/metrics.service';
import { ProblemDto } from './common/openapi.decorators';
import { documentPluginRoutes } from './plugin-routes/plugin-routes.openapi';
import { PLUGIN_MODULES } from './plugin-routes/plugin-catalogue';
import type { KnownPluginModule } from './plugin-routes/plugin-discovery';

export interface BuiltApp {
  app: NestExpressApplication;
  dataSource: DataSource;
}

function sendProblem(res: Response, req: Request, error: unknown): void {
  const problem = toProblem(error, (req as Request & { id?: string }).id);
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify({ ...problem, instance: req.path }));
}

/** JSON bodies must be objects: arrays, strings and numbers are refused before any handler. */
function requireObjectBody(req: Request, res: Response, next: NextFunction): void {
  const body: unknown = req.body;
  if (req.is('application/json') && body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
    sendProblem(res, req, new DomainError('MALFORMED_REQUEST', 'The request body must be a JSON object'));
    return;
  }
  next();
}

function webRoot(settings: Settings): string | null {
  const candidates = [settings.webRoot, join(__dirname, '..', 'web', 'browser')].filter((p): p is string => !!p);
  return candidates.find((p) => existsSync(join(p, 'index.html'))) ?? null;
}

export function openApiDocument(app: NestExpressApplication): ReturnType<typeof SwaggerModule.createDocument> {
  const config = new DocumentBuilder()
    .setTitle('Plugboard API')
    .setDescription('Plugin governance for a shared API/tool gateway. Errors are RFC 9457 application/problem+json.')
    .setVersion('1.0.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A session JWT from POST /api/auth/login or a personal API token' })
    .addCookieAuth('pb_session')
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ProblemDto] });
  documentPluginRoutes(document, app.get<KnownPluginModule[]>(PLUGIN_MODULES));
  return document;
}

export async function buildApp(settings: Settings, options: { dataSource?: DataSource; logger?: boolean } = {}): Promise<BuiltApp> {
  const dataSource = options.dataSource ?? createDataSource(settings.database);
  if (!dataSource.isInitialized) await dataSource.initialize();
  await migrate(dataSource);

  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(settings, dataSource), {
    bodyParser: false,
    bufferLogs: true,
    logger: options.logger === false ? false : undefined,
  });
  if (options.logger !== false) app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.set('trust proxy', settings.trustProxy);
  app.set('query parser', 'simple');
  app.use(helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'img-src': ["'self'", 'data:'], 'upgrade-insecure-requests': null } } }));
  app.use(cookieParser());
  app.use('/api', express.json({ limit: settings.bodyLimit, strict: true }));
  app.use('/api', requireObjectBody);
  const metrics = app.get(MetricsService);
  app.use('/api', (req: Request, res: Response, next: NextFunction) => {
    const end = metrics.httpDuration.startTimer();
    res.on('finish', () => {
      const path = (req as Request & { route?: { path?: string } }).route?.path;
      // The SPA fallback and unknown routes share one label, so raw paths never become labels.
      const route = !path || path.includes('splat') ? 'unmatched' : path;
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const document = openApiDocument(app);
  app.use('/api/openapi.json', (_req: Request, res: Response) => res.json(document));
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  const root = webRoot(settings);
  if (root) {
    app.use(express.static(root, { index: false, maxAge: '1h' }));
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' || req.path.startsWith('/api')) return next();
      res.sendFile(join(root, 'index.html'));
    });
  }
  // Errors raised by express middleware (body parser) before Nest's filter can see them.
  const logger = app.get(Logger);
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const status = (error as { status?: unknown }).status;
    if (typeof status !== 'number' || status >= 500) logger.error({ err: error, path: req.path }, 'Unhandled error before the router');
    sendProblem(res, req, error);
  });
  await app.init();
  return { app, dataSource };
}
