import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** Serves the built Angular app, with index.html for every client-side route. */
export function serveWebApp(app: NestExpressApplication, distDir: string): void {
  const index = join(distDir, 'index.html');
  if (!existsSync(index)) {
    new Logger('WebApp').warn(`no built web app in ${distDir}: run "npx nx build web" (npm start does it)`);
  }
  app.useStaticAssets(distDir, { index: false, fallthrough: true });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (
      req.method !== 'GET' ||
      req.path.startsWith('/api/') ||
      req.path.startsWith('/socket.io/') ||
      req.path === '/metrics'
    )
      return next();
    if (!existsSync(index))
      return void res.status(503).type('text').send('The web app is not built yet: run "npx nx build web".');
    res.sendFile(index);
  });
}
