import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { TextEmotionModel, textModelDir, type ModelStatus } from '@attune/affect';
import type { AffectEstimate } from '@attune/protocol';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** The text-emotion model (models/text-dair), loaded once; a missing model is reported by health. */
@Injectable()
export class TextAnalysisService implements OnModuleInit {
  private readonly logger = new Logger(TextAnalysisService.name);
  private readonly model: TextEmotionModel;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.model = new TextEmotionModel(textModelDir(config.modelsDir));
  }

  async onModuleInit(): Promise<void> {
    try {
      await this.model.load();
      await this.model.warmup();
    } catch (err) {
      this.logger.error(`text model failed to load: ${(err as Error).message}`);
    }
  }

  get id(): string {
    return this.model.id;
  }

  loaded(): boolean {
    return this.model.status().loaded;
  }

  analyze(text: string, at: number): AffectEstimate {
    return this.model.analyze(text, at).estimate;
  }

  status(): ModelStatus {
    return this.model.status();
  }
}
