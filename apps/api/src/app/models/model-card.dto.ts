import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ConfusionMatrixDto {
  @ApiProperty({ type: [String] }) labels!: string[];
  /** Rows are true classes, columns predicted, in `labels` order. */
  @ApiProperty({ type: 'array', items: { type: 'array', items: { type: 'number' } } }) matrix!: number[][];
}

export class ModelFigureDto {
  @ApiProperty({ example: 'human-emotion.fer2013-confusion.png' }) name!: string;
  @ApiProperty({ example: '/api/models/human-emotion/figures/human-emotion.fer2013-confusion.png' }) url!: string;
}

export class ModelCardDto {
  @ApiProperty() id!: string;
  /** The card's first heading, else the id. */
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'The model card (markdown); empty when the model has no card' }) card!: string;
  /** Numeric and boolean metrics from metadata.json, flattened to dotted keys. */
  @ApiProperty() metrics!: Record<string, number | boolean>;
  @ApiPropertyOptional({ type: ConfusionMatrixDto, nullable: true }) confusion!: ConfusionMatrixDto | null;
  @ApiProperty({ type: [ModelFigureDto] }) figures!: ModelFigureDto[];
}
