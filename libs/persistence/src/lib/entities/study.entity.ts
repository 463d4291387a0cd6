import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { timestampColumn, uuidColumn } from './columns';
import type { Researcher } from './researcher.entity';

export const STUDY_STATUSES = ['draft', 'running', 'closed'] as const;
export type StudyStatus = (typeof STUDY_STATUSES)[number];
/** Where the face model runs for this study's participants (the protocol's FACE_MODES). */
export const STUDY_FACE_MODES = ['server', 'edge'] as const;
export type StudyFaceMode = (typeof STUDY_FACE_MODES)[number];

/** A user study: its owner, its consent form versions, participants and experiments. */
@Entity('study')
export class Study {
  @PrimaryColumn(uuidColumn)
  id!: string;

  @Index('IDX_study_owner')
  @Column(uuidColumn)
  ownerId!: string;

  @ManyToOne('Researcher', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ownerId', foreignKeyConstraintName: 'FK_study_owner' })
  owner?: Researcher;

  @Column({ type: 'varchar', length: 255 })
  title!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: StudyStatus;

  /** 'edge': frames never leave the participant's browser; only its model's estimates are sent. */
  @Column({ type: 'varchar', length: 8, default: 'server' })
  faceMode!: StudyFaceMode;

  @Column(timestampColumn)
  createdAt!: Date;
}
