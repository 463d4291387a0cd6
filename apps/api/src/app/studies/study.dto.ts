import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  CONSENT_MODALITIES,
  ConsentModality,
  STUDY_FACE_MODES,
  STUDY_STATUSES,
  StudyFaceMode,
  StudyStatus,
} from '@attune/persistence';

export class CreateStudyDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(255) title!: string;
  @ApiProperty() @IsString() @MaxLength(20_000) description!: string;
  @ApiPropertyOptional({
    enum: STUDY_FACE_MODES,
    description: "'edge': the face model runs in the participant's browser and no frame reaches the server",
  })
  @IsOptional()
  @IsIn(STUDY_FACE_MODES)
  faceMode?: StudyFaceMode;
}

export class UpdateStudyDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(255) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20_000) description?: string;
  @ApiPropertyOptional({ enum: STUDY_STATUSES }) @IsOptional() @IsIn(STUDY_STATUSES) status?: StudyStatus;
  @ApiPropertyOptional({
    enum: STUDY_FACE_MODES,
    description: "'edge': the face model runs in the participant's browser and no frame reaches the server",
  })
  @IsOptional()
  @IsIn(STUDY_FACE_MODES)
  faceMode?: StudyFaceMode;
}

export class CreateConsentFormDto {
  @ApiProperty({ description: 'Markdown shown to participants' })
  @IsString()
  @MinLength(1)
  @MaxLength(50_000)
  text!: string;

  @ApiProperty({ enum: CONSENT_MODALITIES, isArray: true })
  @IsArray()
  @ArrayUnique()
  @IsIn(CONSENT_MODALITIES, { each: true })
  modalities!: ConsentModality[];

  @ApiProperty() @IsBoolean() offersRawMediaStorage!: boolean;
  @ApiProperty({ minimum: 1, maximum: 3650 }) @IsInt() @Min(1) @Max(3650) retentionDays!: number;
}

export class StudyDto {
  @ApiProperty() id!: string;
  @ApiProperty() ownerId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: STUDY_STATUSES }) status!: StudyStatus;
  @ApiProperty({ enum: STUDY_FACE_MODES }) faceMode!: StudyFaceMode;
  @ApiProperty() createdAt!: string;
}

export class ConsentFormDto {
  @ApiProperty() id!: string;
  @ApiProperty() version!: number;
  @ApiProperty() text!: string;
  @ApiProperty({ enum: CONSENT_MODALITIES, isArray: true }) modalities!: ConsentModality[];
  @ApiProperty() offersRawMediaStorage!: boolean;
  @ApiProperty() retentionDays!: number;
  @ApiProperty() createdAt!: string;
}
