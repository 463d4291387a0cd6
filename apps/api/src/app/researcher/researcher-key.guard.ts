import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { ResearcherKeyService } from './researcher-key.service';

/** HTTP side of the researcher key: `Authorization: Bearer <key>`. */
@Injectable()
export class ResearcherKeyGuard implements CanActivate {
  constructor(private readonly keys: ResearcherKeyService) {}

  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const [scheme, key] = header.split(' ');
    if (scheme !== 'Bearer' || !this.keys.matches(key)) {
      throw new UnauthorizedException('researcher key required: Authorization: Bearer <key>');
    }
    return true;
  }
}
