import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { ResearcherRequest } from './researcher-auth.guard';

/** The researcher the guard authenticated. */
export const CurrentResearcher = createParamDecorator(
  (_: unknown, context: ExecutionContext) => context.switchToHttp().getRequest<ResearcherRequest>().researcher,
);
