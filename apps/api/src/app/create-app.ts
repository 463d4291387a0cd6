import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { BodyDepthPipe } from './security/body-depth.pipe';
import { ClientErrorFilter } from './security/http-error.filter';
import { applyHttpSecurity } from './security/http-security';
import { AttuneIoAdapter } from './socket/attune-io.adapter';
import { serveWebApp } from './web/serve-web-app';

/** Builds the whole server; main.ts and the end-to-end tests share it. */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: process.env['NODE_ENV'] === 'test' ? ['error', 'warn'] : undefined,
  });
  applyHttpSecurity(app, config);
  app.setGlobalPrefix('api', { exclude: ['metrics'] });
  // Unknown fields are refused (400 naming them), not silently dropped.
  app.useGlobalFilters(new ClientErrorFilter(app.getHttpAdapter()));
  app.useGlobalPipes(
    new BodyDepthPipe(),
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
  );
  const io = new AttuneIoAdapter(app, {
    corsOrigins: config.corsOrigins,
    eventsPerSecond: config.socketEventsPerSecond,
    eventBurst: config.socketEventBurst,
  });
  if (config.redisUrl) await io.connectToRedis(config.redisUrl, config.redisKey);
  app.useWebSocketAdapter(io);
  app.enableShutdownHooks();
  const openApi = new DocumentBuilder()
    .setTitle('Attune API')
    .setDescription(
      'Studies, consent, experiments and sessions of the Attune research platform. Live data flows over socket.io (see docs/architecture.md).',
    )
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi));
  serveWebApp(app, config.webDistDir);
  return app;
}
