import { AffectSample } from './affect-sample.entity';
import { Feedback } from './feedback.entity';
import { Participant } from './participant.entity';
import { Recommendation } from './recommendation.entity';
import { Session } from './session.entity';
import { Track } from './track.entity';

export { AffectSample, Feedback, Participant, Recommendation, Session, Track };

export const ENTITIES = [Participant, Session, AffectSample, Track, Recommendation, Feedback];
