import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '../config/app-config';
import { originAllowed } from '../socket/origin';

/**
 * Angular's production build loads its stylesheet with `onload="this.media='all'"`; this hash
 * allows exactly that handler and no other inline script.
 */
const ANGULAR_STYLESHEET_ONLOAD = "'sha256-MhtPZXr7+LpJUY5qtMutB+qWfQtMaPccfe7QXtCcEYc='";

/**
 * The Content-Security-Policy of the web app the API serves: its own scripts only (plus the
 * microphone feature worklet, which the app loads from a blob: URL), inline styles (Angular
 * injects component styles), audio from this server or blob:, sockets to this server.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'", 'blob:'],
  scriptSrcAttr: ["'unsafe-hashes'", ANGULAR_STYLESHEET_ONLOAD],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  mediaSrc: ["'self'", 'blob:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  fontSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  // Labs run Attune over plain HTTP on their own network; upgrading would break every request there.
  upgradeInsecureRequests: null,
};

/** Camera and microphone for this origin only; nothing else a page could ask for. */
const PERMISSIONS_POLICY = 'camera=(self), microphone=(self), geolocation=(), payment=(), usb=()';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Security headers (helmet), CORS from CORS_ORIGINS (default: same origin only, no CORS
 * headers at all), and a refusal of state-changing requests that a page of another origin sent:
 * browsers send those "simple" requests before CORS could stop them.
 */
export function applyHttpSecurity(app: NestExpressApplication, config: AppConfig): void {
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(helmet({ contentSecurityPolicy: { useDefaults: true, directives: CONTENT_SECURITY_POLICY } }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
    if (SAFE_METHODS.has(req.method) || originAllowed(req.headers.origin, req.headers.host, config.corsOrigins))
      return next();
    res
      .status(403)
      .json({ statusCode: 403, message: `origin ${String(req.headers.origin).slice(0, 100)} is not allowed` });
  });
  if (config.corsOrigins.length) {
    app.enableCors({
      origin: config.corsOrigins,
      methods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'Range'],
      exposedHeaders: ['Content-Disposition', 'Content-Range', 'Retry-After'],
      maxAge: 600,
    });
  }
}
