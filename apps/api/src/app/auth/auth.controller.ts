import {
  Body,
  ConflictException,
  Controller,
  Get,
  HttpCode,
  HttpException,
  HttpStatus,
  Post,
  Req,
  Res,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { AuthenticatedResearcher, AuthService, IssuedToken, LoginLockedError } from './auth.service';
import { CreateResearcherDto, LoginDto, LoginResultDto } from './auth.dto';
import { CurrentResearcher } from './current-researcher.decorator';
import { bearerToken, ResearcherAuthGuard, ResearcherRequest, Roles } from './researcher-auth.guard';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('auth/login')
  @HttpCode(200)
  @ApiResponse({ status: 429, description: 'too many failed sign-ins for this account or address; see Retry-After' })
  async login(
    @Body() body: LoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResultDto> {
    try {
      const result = await this.auth.login(body.email, body.password, req.ip);
      if (!result) throw new UnauthorizedException('wrong e-mail or password');
      return loginResult(result);
    } catch (err) {
      if (!(err instanceof LoginLockedError)) throw err;
      res.setHeader('Retry-After', String(Math.ceil(err.retryAfterMs / 1000)));
      throw new HttpException(err.message, HttpStatus.TOO_MANY_REQUESTS);
    }
  }

  /** Token rotation: a fresh token (new expiry) for the one presented, which is revoked. */
  @Post('auth/refresh')
  @HttpCode(200)
  @ApiBearerAuth()
  @UseGuards(ResearcherAuthGuard)
  async refresh(@Req() req: ResearcherRequest): Promise<LoginResultDto> {
    const result = await this.auth.refresh(bearerToken(req.headers.authorization) ?? '');
    if (!result) throw new UnauthorizedException('this token was already refreshed or signed out');
    return loginResult(result);
  }

  @Post('auth/logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @UseGuards(ResearcherAuthGuard)
  async logout(@Req() req: ResearcherRequest): Promise<void> {
    await this.auth.logout(bearerToken(req.headers.authorization)!);
  }

  @Get('auth/me')
  @ApiBearerAuth()
  @UseGuards(ResearcherAuthGuard)
  me(@CurrentResearcher() researcher: AuthenticatedResearcher): AuthenticatedResearcher {
    return researcher;
  }

  @Post('researchers')
  @ApiBearerAuth()
  @UseGuards(ResearcherAuthGuard)
  @Roles('admin')
  async create(@Body() body: CreateResearcherDto): Promise<AuthenticatedResearcher> {
    try {
      return await this.auth.createResearcher(body.email, body.password, body.role);
    } catch (err) {
      if (err instanceof QueryFailedError) throw new ConflictException(`a researcher with e-mail ${body.email} exists`);
      throw err;
    }
  }
}

function loginResult(r: IssuedToken): LoginResultDto {
  return { token: r.token, expiresAt: r.expiresAt.toISOString(), researcher: r.researcher };
}
