import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { RESEARCHER_ROLES, ResearcherRole } from '@attune/persistence';

export class LoginDto {
  @ApiProperty({ example: 'admin@attune.local' })
  @IsEmail()
  @MaxLength(255)
  email!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(200)
  password!: string;
}

export class CreateResearcherDto {
  @ApiProperty()
  @IsEmail()
  @MaxLength(255)
  email!: string;

  @ApiProperty({ minLength: 12 })
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password!: string;

  @ApiProperty({ enum: RESEARCHER_ROLES })
  @IsIn(RESEARCHER_ROLES)
  role!: ResearcherRole;
}

export class LoginResultDto {
  @ApiProperty() token!: string;
  @ApiProperty() expiresAt!: string;
  @ApiProperty() researcher!: { id: string; email: string; role: ResearcherRole };
}
