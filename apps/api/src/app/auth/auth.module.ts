import { Global, Module } from '@nestjs/common';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { ResearcherAuthGuard } from './researcher-auth.guard';

@Global()
@Module({
  controllers: [AuthController],
  providers: [AuthService, ResearcherAuthGuard],
  exports: [AuthService, ResearcherAuthGuard],
})
export class AuthModule {}
