import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn, uuidColumn } from './columns';
import type { ConsentModality } from './consent-form-version.entity';
import type { Participant } from './participant.entity';

export type ConsentChoices = Record<ConsentModality, boolean> & { storeRawMedia: boolean };

/** Append-only consent log: every grant or change is a new row, never an update. */
@Entity('consent_record')
@Index('IDX_consent_record_participant', ['participantId', 'id'])
export class ConsentRecord {
  @PrimaryGeneratedColumn('increment')
  id!: number;

  @Column(uuidColumn)
  participantId!: string;

  @ManyToOne('Participant', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'participantId', foreignKeyConstraintName: 'FK_consent_record_participant' })
  participant?: Participant;

  @Column(uuidColumn)
  formVersionId!: string;

  @Column({ type: 'integer' })
  formVersion!: number;

  @Column({ type: 'simple-json' })
  choices!: ConsentChoices;

  /** The participant's client event id: a re-sent consent is stored once (null before issue 9). */
  @Index('IDX_consent_record_client_event', { unique: true })
  @Column({ ...uuidColumn, nullable: true })
  clientEventId!: string | null;

  @Column(timestampColumn)
  createdAt!: Date;
}
