import { Logger } from '@nestjs/common';
import { createApp } from './app/create-app';
import { loadConfig } from './app/config/app-config';
import { ResearcherKeyService } from './app/researcher/researcher-key.service';

async function bootstrap() {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const base = `http://localhost:${config.port}`;
  Logger.log(`Attune is running: participant page ${base}/ , health ${base}/api/health`);
  Logger.log(`Researcher dashboard: ${app.get(ResearcherKeyService).dashboardUrl(base)}`);
}

bootstrap().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
