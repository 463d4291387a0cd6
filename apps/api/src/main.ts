import { Logger } from '@nestjs/common';
import { createApp } from './app/create-app';
import { loadConfig } from './app/config/app-config';

// A safety net: a rejected promise nobody awaited (e.g. a Redis publish during an outage) is
// logged, never allowed to take the server and every live session down.
process.on('unhandledRejection', (reason) => {
  Logger.error(`unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`);
});

/**
 * SIGTERM/SIGINT run a graceful shutdown (enableShutdownHooks in create-app): new connections
 * and events are refused, events in flight finish (SHUTDOWN_DRAIN_SEC), sockets hear why they
 * close, sessions end and the event buffer is flushed or kept on disk, the database closes.
 * Should any of that hang, the process still exits a little after the drain deadline.
 */
function exitEventually(drainMs: number): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      Logger.log(`${signal}: shutting down gracefully`);
      setTimeout(() => {
        Logger.error('graceful shutdown took too long; exiting');
        process.exit(1);
      }, drainMs + 15_000).unref();
    });
  }
}

async function bootstrap() {
  const config = loadConfig();
  const app = await createApp(config);
  exitEventually(config.shutdownDrainMs);
  await app.listen(config.port, config.host);
  const base = `http://localhost:${config.port}`;
  Logger.log(
    `Attune is running: participant page ${base}/ , researcher dashboard ${base}/researcher , API docs ${base}/api/docs`,
  );
}

bootstrap().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
