import { ApiProperty } from '@nestjs/swagger';
import { EMOTIONS, type Emotion } from '@attune/protocol';

/** A catalog track with what the browser plots and filters by. */
export class CatalogTrackDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() artist!: string;
  @ApiProperty({ nullable: true, type: String }) album!: string | null;
  @ApiProperty({ enum: EMOTIONS }) emotion!: Emotion;
  @ApiProperty({ type: [String] }) genres!: string[];
  @ApiProperty({ nullable: true, type: Number, description: 'in [-1, 1]' }) valence!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'in [-1, 1]' }) arousal!: number | null;
  @ApiProperty({ nullable: true, type: Number }) tempo!: number | null;
  @ApiProperty({ nullable: true, type: Number }) energy!: number | null;
  @ApiProperty({ nullable: true, type: Number }) durationSec!: number | null;
  @ApiProperty() licence!: string;
  @ApiProperty() attribution!: string;
  @ApiProperty() audioUrl!: string;
}
