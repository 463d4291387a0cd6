import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { timestampColumn, uuidColumn } from './columns';
import type { Study } from './study.entity';

export const CONSENT_MODALITIES = ['camera', 'microphone', 'text'] as const;
export type ConsentModality = (typeof CONSENT_MODALITIES)[number];

/** One immutable version of a study's consent form; a change makes a new version. */
@Entity('consent_form_version')
@Index('IDX_consent_form_study_version', ['studyId', 'version'], { unique: true })
export class ConsentFormVersion {
  @PrimaryColumn(uuidColumn)
  id!: string;

  @Column(uuidColumn)
  studyId!: string;

  @ManyToOne('Study', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'studyId', foreignKeyConstraintName: 'FK_consent_form_study' })
  study?: Study;

  @Column({ type: 'integer' })
  version!: number;

  /** Markdown shown to the participant. */
  @Column({ type: 'text' })
  text!: string;

  /** Which modalities the study asks for; each is consented to separately. */
  @Column({ type: 'simple-json' })
  modalities!: ConsentModality[];

  /** Whether participants are offered the opt-in to keep raw frames/audio. */
  @Column({ type: 'boolean' })
  offersRawMediaStorage!: boolean;

  @Column({ type: 'integer' })
  retentionDays!: number;

  @Column(timestampColumn)
  createdAt!: Date;
}
