import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { AttuneIoAdapter } from './socket/attune-io.adapter';
import { serveWebApp } from './web/serve-web-app';

/** Builds the whole server; main.ts and the end-to-end tests share it. */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: process.env['NODE_ENV'] === 'test' ? ['error', 'warn'] : undefined,
  });
  app.setGlobalPrefix('api');
  app.useWebSocketAdapter(new AttuneIoAdapter(app));
  app.enableShutdownHooks();
  serveWebApp(app, config.webDistDir);
  return app;
}
