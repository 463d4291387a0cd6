import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsNumber,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { EXPERIMENT_STATUSES, ExperimentStatus } from '@attune/persistence';

export class ArmDto {
  @ApiProperty({ example: 'control' }) @IsString() @Matches(/^[a-z0-9_-]{1,64}$/) key!: string;
  @ApiProperty({ example: 'emotion-folder-random' }) @IsString() @MaxLength(64) strategy!: string;
  @ApiPropertyOptional() @IsOptional() @IsObject() params?: Record<string, unknown>;
  @ApiProperty({ example: 0.5 }) @IsNumber() @IsPositive() weight!: number;
}

export class CreateExperimentDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(255) name!: string;

  @ApiProperty({ type: [ArmDto] })
  @ValidateNested({ each: true })
  @Type(() => ArmDto)
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  arms!: ArmDto[];
}

export class UpdateExperimentDto {
  @ApiProperty({ enum: EXPERIMENT_STATUSES }) @IsIn(EXPERIMENT_STATUSES) status!: ExperimentStatus;
}

export class ExperimentDto {
  @ApiProperty() id!: string;
  @ApiProperty() studyId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: EXPERIMENT_STATUSES }) status!: ExperimentStatus;
  @ApiProperty({ type: [ArmDto] }) arms!: (ArmDto & { id: string })[];
  @ApiProperty() createdAt!: string;
}
