import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsInt, Min } from 'class-validator';
import type { ConsentChoices } from '@attune/persistence';
import { ConsentFormDto } from '../studies/study.dto';

export class ConsentChoicesDto implements ConsentChoices {
  @ApiProperty() @IsBoolean() camera!: boolean;
  @ApiProperty() @IsBoolean() microphone!: boolean;
  @ApiProperty() @IsBoolean() text!: boolean;
  @ApiProperty({ description: 'Keep raw frames/audio; only when the form offers it' })
  @IsBoolean()
  storeRawMedia!: boolean;
}

export class GiveConsentDto extends ConsentChoicesDto {
  @ApiProperty({ description: 'The form version the participant read' }) @IsInt() @Min(1) formVersion!: number;
}

export class ConsentRecordDto {
  @ApiProperty() formVersion!: number;
  @ApiProperty() choices!: ConsentChoicesDto;
  @ApiProperty() at!: string;
}

export class ParticipantDto {
  @ApiProperty() id!: string;
  @ApiProperty() code!: string;
  @ApiProperty({ description: 'Path of the participant join page' }) joinPath!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: ConsentRecordDto }) consent!: ConsentRecordDto | null;
}

export class JoinInfoDto {
  @ApiProperty() studyTitle!: string;
  @ApiProperty() studyDescription!: string;
  @ApiProperty() participantCode!: string;
  @ApiProperty({ nullable: true, type: ConsentFormDto }) consentForm!: ConsentFormDto | null;
  @ApiProperty({ nullable: true, type: ConsentRecordDto }) consent!: ConsentRecordDto | null;
}

export class WithdrawalDto {
  @ApiProperty() participantCode!: string;
  @ApiProperty() withdrawnAt!: string;
}
