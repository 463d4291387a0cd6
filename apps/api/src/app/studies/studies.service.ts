import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, Repository } from 'typeorm';
import { ConsentFormVersion, Study } from '@attune/persistence';
import type { AuthenticatedResearcher } from '../auth/auth.service';
import { StudyAccessService } from './study-access.service';
import { ConsentFormDto, CreateConsentFormDto, CreateStudyDto, StudyDto, UpdateStudyDto } from './study.dto';

export const toStudyDto = (s: Study): StudyDto => ({
  id: s.id,
  ownerId: s.ownerId,
  title: s.title,
  description: s.description,
  status: s.status,
  faceMode: s.faceMode ?? 'server',
  createdAt: s.createdAt.toISOString(),
});

export const toConsentFormDto = (f: ConsentFormVersion): ConsentFormDto => ({
  id: f.id,
  version: f.version,
  text: f.text,
  modalities: f.modalities,
  offersRawMediaStorage: f.offersRawMediaStorage,
  retentionDays: f.retentionDays,
  createdAt: f.createdAt.toISOString(),
});

@Injectable()
export class StudiesService {
  private readonly studies: Repository<Study>;
  private readonly forms: Repository<ConsentFormVersion>;

  constructor(
    private readonly db: DataSource,
    private readonly access: StudyAccessService,
  ) {
    this.studies = db.getRepository(Study);
    this.forms = db.getRepository(ConsentFormVersion);
  }

  async list(researcher: AuthenticatedResearcher): Promise<StudyDto[]> {
    const rows = await this.studies.find({
      where: researcher.role === 'admin' ? {} : { ownerId: researcher.id },
      order: { createdAt: 'DESC' },
    });
    return rows.map(toStudyDto);
  }

  async create(researcher: AuthenticatedResearcher, body: CreateStudyDto): Promise<StudyDto> {
    const row = await this.studies.save({
      id: randomUUID(),
      ownerId: researcher.id,
      ...body,
      status: 'draft',
      faceMode: body.faceMode ?? 'server',
      createdAt: new Date(),
    });
    return toStudyDto(row);
  }

  async get(researcher: AuthenticatedResearcher, id: string): Promise<StudyDto> {
    return toStudyDto(await this.access.require(researcher, id));
  }

  async update(researcher: AuthenticatedResearcher, id: string, body: UpdateStudyDto): Promise<StudyDto> {
    const study = await this.access.require(researcher, id);
    return toStudyDto(await this.studies.save({ ...study, ...body }));
  }

  /** Consent forms are versioned, never edited: a change is the next version. */
  async addConsentForm(
    researcher: AuthenticatedResearcher,
    studyId: string,
    body: CreateConsentFormDto,
  ): Promise<ConsentFormDto> {
    await this.access.require(researcher, studyId);
    return this.db.transaction(async (tx) => {
      const latest = await tx
        .getRepository(ConsentFormVersion)
        .findOne({ where: { studyId }, order: { version: 'DESC' } });
      const row = await tx.getRepository(ConsentFormVersion).save({
        id: randomUUID(),
        studyId,
        version: (latest?.version ?? 0) + 1,
        ...body,
        createdAt: new Date(),
      });
      return toConsentFormDto(row);
    });
  }

  async consentForms(researcher: AuthenticatedResearcher, studyId: string): Promise<ConsentFormDto[]> {
    await this.access.require(researcher, studyId);
    return (await this.forms.find({ where: { studyId }, order: { version: 'ASC' } })).map(toConsentFormDto);
  }

  latestConsentForm(studyId: string): Promise<ConsentFormVersion | null> {
    return this.forms.findOne({ where: { studyId }, order: { version: 'DESC' } });
  }
}
