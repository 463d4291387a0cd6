import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/**
 * The shared key that opens the researcher pages until researcher accounts exist.
 * RESEARCHER_KEY wins; otherwise a random key is generated once into DATA_DIR.
 */
@Injectable()
export class ResearcherKeyService implements OnModuleInit {
  private readonly logger = new Logger(ResearcherKeyService.name);
  private key!: Buffer;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onModuleInit(): void {
    if (this.config.researcherKey) {
      this.key = Buffer.from(this.config.researcherKey);
      return;
    }
    const file = join(this.config.dataDir, 'researcher.key');
    if (!existsSync(file)) {
      mkdirSync(this.config.dataDir, { recursive: true });
      writeFileSync(file, randomBytes(18).toString('base64url'), {
        mode: 0o600,
      });
      this.logger.log(`generated a researcher key in ${file}`);
    }
    this.key = readFileSync(file);
  }

  /** Where a researcher opens the dashboard; printed once at start-up. */
  dashboardUrl(baseUrl: string): string {
    return `${baseUrl}/researcher?key=${encodeURIComponent(this.key.toString())}`;
  }

  matches(candidate: unknown): boolean {
    if (typeof candidate !== 'string') return false;
    const given = Buffer.from(candidate);
    return given.length === this.key.length && timingSafeEqual(given, this.key);
  }
}
