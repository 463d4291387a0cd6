import {
  Body,
  ConflictException,
  Controller,
  Get,
  HttpCode,
  Post,
  Req,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { QueryFailedError } from 'typeorm';
import { AuthenticatedResearcher, AuthService } from './auth.service';
import { CreateResearcherDto, LoginDto, LoginResultDto } from './auth.dto';
import { CurrentResearcher } from './current-researcher.decorator';
import { bearerToken, ResearcherAuthGuard, ResearcherRequest, Roles } from './researcher-auth.guard';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('auth/login')
  @HttpCode(200)
  async login(@Body() body: LoginDto): Promise<LoginResultDto> {
    const result = await this.auth.login(body.email, body.password);
    if (!result) throw new UnauthorizedException('wrong e-mail or password');
    return { token: result.token, expiresAt: result.expiresAt.toISOString(), researcher: result.researcher };
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
