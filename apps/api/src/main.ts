import { Logger } from '@nestjs/common';
import { createApp } from './app/create-app';
import { loadConfig } from './app/config/app-config';

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
