import { Logger } from '@nestjs/common';
import { createApp } from './app/create-app';
import { loadConfig } from './app/config/app-config';

// A safety net: a rejected promise nobody awaited (e.g. a Redis publish during an outage) is
// logged, never allowed to take the server and every live session down.
process.on('unhandledRejection', (reason) => {
  Logger.error(`unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`);
});

async function bootstrap() {
  const config = loadConfig();
  const app = await createApp(config);
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
