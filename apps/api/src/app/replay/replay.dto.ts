import { ApiProperty } from '@nestjs/swagger';
import type { AffectSampleDto } from '@attune/protocol';

export class ReplayExposureDto {
  @ApiProperty() id!: string;
  /** Epoch ms when the track was sent. */
  @ApiProperty() shownAt!: number;
  /** Epoch ms when playback began in the browser; null if it never did. */
  @ApiProperty({ nullable: true, type: Number }) playedAt!: number | null;
  @ApiProperty() trackId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() artist!: string;
  @ApiProperty() strategy!: string;
  @ApiProperty() trigger!: string;
}

export class ReplayFeedbackDto {
  @ApiProperty() at!: number;
  @ApiProperty() kind!: string;
  @ApiProperty({ nullable: true, type: Number }) value!: number | null;
  @ApiProperty() exposureId!: string;
}

/** A stored session, for replay: its samples of every modality and the fused state, tracks and feedback. */
export class SessionReplayDto {
  @ApiProperty() sessionId!: string;
  @ApiProperty() samples!: AffectSampleDto[];
  @ApiProperty({ type: [ReplayExposureDto] }) exposures!: ReplayExposureDto[];
  @ApiProperty({ type: [ReplayFeedbackDto] }) feedback!: ReplayFeedbackDto[];
}
