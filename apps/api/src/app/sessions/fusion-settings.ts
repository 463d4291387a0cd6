import { fusionConfig, type FusionConfig } from '@attune/fusion';

/**
 * How far each model is trusted in the live fusion: held-out macro-F1 from its model card
 * (models/*.md), and the classes it can say. Models not listed get the fusion default.
 */
export const LIVE_FUSION: FusionConfig = fusionConfig({
  models: {
    // models/human-emotion.md: FER2013 validation, 3,589 faces.
    'human-emotion': { macroF1: 0.5 },
    // models/fast-fer2013-distilled.md: FER2013 validation, 3,589 faces (the live default).
    'fast-fer2013-distilled': { macroF1: 0.595 },
    // models/fast-fer2013-swa.md: the same validation faces.
    'fast-fer2013-swa': { macroF1: 0.589 },
    // models/fast-fer2013.md: the same validation faces.
    'fast-fer2013': { macroF1: 0.589 },
    // models/voice-emodb.md: EmoDB leave-one-speaker-out, live window scoring (UAR 71.4%).
    'voice-emodb': { macroF1: 0.715 },
    // models/text-dair.md: dair-ai val, 2,000 messages; no neutral or disgust class.
    'text-dair': { macroF1: 0.869, labels: ['angry', 'fear', 'happy', 'sad', 'surprise'] },
  },
});
