import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module';
import { ReplayController } from './replay.controller';
import { ReplayService } from './replay.service';

@Module({ imports: [SessionsModule], controllers: [ReplayController], providers: [ReplayService] })
export class ReplayModule {}
