import { ApiProperty } from '@nestjs/swagger';

export class EdgeDetectorDto {
  @ApiProperty({ example: 'tiny-face-detector' }) id!: string;
  @ApiProperty({ description: 'tfjs weights manifest; shard paths are relative to it' }) manifestUrl!: string;
  @ApiProperty({ description: 'Longer side the frame is scaled to (a multiple of 32)' }) inputSize!: number;
  @ApiProperty({ description: 'Crop around a box as a multiple of its longer side' }) cropScale!: number;
}

export class EdgeClassifierDto {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'tfjs layers model.json; weight paths are relative to it' }) modelUrl!: string;
  @ApiProperty({
    type: [String],
    description: "The model's labels in output order (CK+ 'contempt' folds into disgust)",
  })
  labels!: string[];
  @ApiProperty() inputSize!: number;
}

/** What the browser needs to run the face pipeline itself (edge mode). */
export class EdgeFaceModelDto {
  @ApiProperty({ type: EdgeDetectorDto }) detector!: EdgeDetectorDto;
  @ApiProperty({ type: EdgeClassifierDto }) classifier!: EdgeClassifierDto;
}
