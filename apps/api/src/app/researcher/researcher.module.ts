import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module';
import { ResearcherController } from './researcher.controller';
import { ResearcherGateway } from './researcher.gateway';

@Module({ imports: [SessionsModule], controllers: [ResearcherController], providers: [ResearcherGateway] })
export class ResearcherModule {}
