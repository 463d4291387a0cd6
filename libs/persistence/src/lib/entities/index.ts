import { AffectSample } from './affect-sample.entity';
import { Assignment } from './assignment.entity';
import { AuditEntry } from './audit-entry.entity';
import { AuthToken } from './auth-token.entity';
import { ConsentFormVersion } from './consent-form-version.entity';
import { ConsentRecord } from './consent-record.entity';
import { Experiment } from './experiment.entity';
import { ExperimentArm } from './experiment-arm.entity';
import { Feedback } from './feedback.entity';
import { Participant } from './participant.entity';
import { Recommendation } from './recommendation.entity';
import { Researcher } from './researcher.entity';
import { SelfReport } from './self-report.entity';
import { Session } from './session.entity';
import { Study } from './study.entity';
import { Track } from './track.entity';
import { Withdrawal } from './withdrawal.entity';

export {
  AffectSample,
  Assignment,
  AuditEntry,
  AuthToken,
  ConsentFormVersion,
  ConsentRecord,
  Experiment,
  ExperimentArm,
  Feedback,
  Participant,
  Recommendation,
  Researcher,
  SelfReport,
  Session,
  Study,
  Track,
  Withdrawal,
};
export { RESEARCHER_ROLES, type ResearcherRole } from './researcher.entity';
export { STUDY_FACE_MODES, STUDY_STATUSES, type StudyFaceMode, type StudyStatus } from './study.entity';
export { CONSENT_MODALITIES, type ConsentModality } from './consent-form-version.entity';
export type { ConsentChoices } from './consent-record.entity';
export { EXPERIMENT_STATUSES, type ExperimentStatus } from './experiment.entity';

export const ENTITIES = [
  Participant,
  Session,
  AffectSample,
  Track,
  Recommendation,
  Feedback,
  Researcher,
  AuthToken,
  Study,
  ConsentFormVersion,
  ConsentRecord,
  Experiment,
  ExperimentArm,
  Assignment,
  SelfReport,
  AuditEntry,
  Withdrawal,
];
export type { StoredFeedbackKind } from './feedback.entity';
