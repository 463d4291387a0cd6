import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Emotion } from '@attune/protocol';
import { timestampColumn } from './columns';

/** A playable piece of music from the catalog; `id` is the catalog's stable id. */
@Entity('track')
export class Track {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  id!: string;

  @Column({ type: 'varchar', length: 255 })
  title!: string;

  @Column({ type: 'varchar', length: 255 })
  artist!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  album!: string | null;

  /** The emotion folder the track was filed under. */
  @Column({ type: 'varchar', length: 16 })
  emotion!: Emotion;

  /** Absolute path of the audio file on the server. */
  @Column({ type: 'varchar', length: 1024 })
  path!: string;

  @Column({ type: 'varchar', length: 64 })
  mimeType!: string;

  @Column({ type: 'integer' })
  sizeBytes!: number;

  @Column({ type: 'varchar', length: 128, nullable: true })
  licence!: string | null;

  @Column({ type: 'text', nullable: true })
  attribution!: string | null;

  @Column(timestampColumn)
  updatedAt!: Date;
}
