import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { ResearcherRole } from '@attune/persistence';
import { AuthenticatedResearcher, AuthService } from './auth.service';

const ROLES_KEY = 'attune:roles';
/** Restricts a route to these roles (default: any signed-in researcher). */
export const Roles = (...roles: ResearcherRole[]) => SetMetadata(ROLES_KEY, roles);

export type ResearcherRequest = Request & { researcher: AuthenticatedResearcher };

export function bearerToken(header: string | undefined): string | undefined {
  const [scheme, token] = (header ?? '').split(' ');
  return scheme === 'Bearer' ? token : undefined;
}

/** `Authorization: Bearer <token>` from POST /api/auth/login; 401 without, 403 for the wrong role. */
@Injectable()
export class ResearcherAuthGuard implements CanActivate {
  constructor(
    private readonly auth: AuthService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<ResearcherRequest>();
    const researcher = await this.auth.verify(bearerToken(req.headers.authorization));
    if (!researcher)
      throw new UnauthorizedException('sign in first: Authorization: Bearer <token from POST /api/auth/login>');
    const roles = this.reflector.getAllAndOverride<ResearcherRole[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles && !roles.includes(researcher.role)) throw new ForbiddenException(`requires role ${roles.join(' or ')}`);
    req.researcher = researcher;
    return true;
  }
}
