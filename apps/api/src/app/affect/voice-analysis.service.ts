import { join } from 'node:path';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { FEATURE_LENGTH, FEATURE_VERSION } from '@attune/audio-features';
import { VOICE_MODEL_ID, VoiceEmotionModel, type ModelStatus } from '@attune/affect';
import type { AffectEstimate } from '@attune/protocol';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** Per-session speaker adaptation state, opaque to the session. */
export type VoiceSpeaker = ReturnType<VoiceEmotionModel['newSpeaker']>;

/** The voice-emotion model (models/voice-emodb) over browser-computed feature windows. */
@Injectable()
export class VoiceAnalysisService implements OnModuleInit {
  private readonly logger = new Logger(VoiceAnalysisService.name);
  private readonly model: VoiceEmotionModel;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.model = new VoiceEmotionModel({ modelDir: join(config.modelsDir, VOICE_MODEL_ID) });
  }

  async onModuleInit(): Promise<void> {
    try {
      await this.model.load();
      await this.model.warmup();
    } catch (err) {
      this.logger.error(`voice model failed to load: ${(err as Error).message}`);
    }
  }

  loaded(): boolean {
    return this.model.status().loaded;
  }

  /** Why a payload cannot be used with this server's extractor, or null when it can. */
  incompatibility(featureVersion: string, windows: readonly number[][]): string | null {
    if (featureVersion !== FEATURE_VERSION)
      return `featureVersion must be ${FEATURE_VERSION}, got ${featureVersion.slice(0, 64)}`;
    const bad = windows.findIndex((w) => w.length !== FEATURE_LENGTH);
    return bad >= 0 ? `windows[${bad}] has ${windows[bad].length} values; expected ${FEATURE_LENGTH}` : null;
  }

  newSpeaker(): VoiceSpeaker {
    return this.model.newSpeaker();
  }

  /** Null when no window was voiced: silence gives no estimate, not "neutral". */
  estimate(windows: readonly number[][], speaker: VoiceSpeaker, at: number): AffectEstimate | null {
    return this.model.estimateWindows(windows, speaker, at);
  }

  status(): ModelStatus {
    return this.model.status();
  }
}
