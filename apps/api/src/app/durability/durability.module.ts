import { Module } from '@nestjs/common';
import { DurableEventsService } from './durable-events.service';
import { GracefulShutdownService } from './graceful-shutdown.service';

/** Nothing lost (issue 9): the durable event buffer and the graceful shutdown of sockets. */
@Module({
  providers: [DurableEventsService, GracefulShutdownService],
  exports: [DurableEventsService, GracefulShutdownService],
})
export class DurabilityModule {}
