import { randomBytes, randomUUID } from 'node:crypto';
import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { DataSource, QueryFailedError, Repository } from 'typeorm';
import { AuditEntry, ConsentRecord, Participant, Study, Withdrawal } from '@attune/persistence';
import type { AuthenticatedResearcher } from '../auth/auth.service';
import { StudiesService, toConsentFormDto } from '../studies/studies.service';
import { StudyAccessService } from '../studies/study-access.service';
import { ConsentRecordDto, GiveConsentDto, JoinInfoDto, ParticipantDto, WithdrawalDto } from './participant.dto';
import { WithdrawalService } from './withdrawal.service';
import { isConnectionError } from '../durability/db-errors';

const toConsentDto = (r: ConsentRecord | null): ConsentRecordDto | null =>
  r && { formVersion: r.formVersion, choices: r.choices, at: r.createdAt.toISOString() };

/** Pseudonymous participants of a study: codes, join links, the consent log, withdrawal. */
@Injectable()
export class ParticipantsService {
  private readonly participants: Repository<Participant>;
  private readonly consent: Repository<ConsentRecord>;
  private readonly studies: Repository<Study>;
  private readonly withdrawn: Repository<Withdrawal>;

  constructor(
    db: DataSource,
    private readonly access: StudyAccessService,
    private readonly studyService: StudiesService,
    private readonly withdrawalService: WithdrawalService,
  ) {
    this.participants = db.getRepository(Participant);
    this.consent = db.getRepository(ConsentRecord);
    this.studies = db.getRepository(Study);
    this.withdrawn = db.getRepository(Withdrawal);
  }

  async create(researcher: AuthenticatedResearcher, studyId: string): Promise<ParticipantDto> {
    await this.access.require(researcher, studyId);
    // 72 random bits: the code is the participant's only credential, so it must not be guessable.
    const row = await this.participants.save({
      id: randomUUID(),
      code: randomBytes(9).toString('base64url'),
      studyId,
      createdAt: new Date(),
    });
    return this.toDto(row, null);
  }

  async list(researcher: AuthenticatedResearcher, studyId: string): Promise<ParticipantDto[]> {
    await this.access.require(researcher, studyId);
    const rows = await this.participants.find({ where: { studyId }, order: { createdAt: 'ASC' } });
    return Promise.all(rows.map(async (p) => this.toDto(p, await this.latestConsent(p.id))));
  }

  async consentLog(
    researcher: AuthenticatedResearcher,
    studyId: string,
    participantId: string,
  ): Promise<ConsentRecordDto[]> {
    const participant = await this.inStudy(researcher, studyId, participantId);
    const rows = await this.consent.find({ where: { participantId: participant.id }, order: { id: 'ASC' } });
    return rows.map((r) => toConsentDto(r)!);
  }

  async withdrawByResearcher(
    researcher: AuthenticatedResearcher,
    studyId: string,
    participantId: string,
  ): Promise<WithdrawalDto> {
    const participant = await this.inStudy(researcher, studyId, participantId);
    const w = await this.withdrawalService.withdraw(participant, { type: 'researcher', id: researcher.id });
    return { participantCode: w.participantCode, withdrawnAt: w.withdrawnAt.toISOString() };
  }

  async listWithdrawals(researcher: AuthenticatedResearcher, studyId: string): Promise<WithdrawalDto[]> {
    await this.access.require(researcher, studyId);
    const rows = await this.withdrawn.find({ where: { studyId }, order: { withdrawnAt: 'ASC' } });
    return rows.map((w) => ({ participantCode: w.participantCode, withdrawnAt: w.withdrawnAt.toISOString() }));
  }

  // Participant-facing, by join code.

  async joinInfo(code: string): Promise<JoinInfoDto> {
    const { participant, study } = await this.byCode(code);
    const form = await this.studyService.latestConsentForm(study.id);
    return {
      studyTitle: study.title,
      studyDescription: study.description,
      participantCode: participant.code,
      faceMode: study.faceMode ?? 'server',
      consentForm: form && toConsentFormDto(form),
      consent: toConsentDto(await this.latestConsent(participant.id)),
    };
  }

  /**
   * Appends a consent record; only for the study's current form, only for modalities it asks
   * for. Idempotent on the client event id: a re-sent request gets the first record back
   * (`duplicate: true`). Consent is checked against the database, so it is never buffered:
   * with the database away the answer is 503 and the participant's browser retries.
   */
  async giveConsent(code: string, body: GiveConsentDto): Promise<ConsentRecordDto> {
    try {
      return await this.recordConsent(code, body);
    } catch (err) {
      if (isConnectionError(err)) throw new ServiceUnavailableException('the database is unavailable; retry shortly');
      throw err;
    }
  }

  private async recordConsent(code: string, body: GiveConsentDto): Promise<ConsentRecordDto> {
    const { participant, study } = await this.byCode(code);
    const earlier = await this.earlierConsent(participant.id, body.clientEventId);
    if (earlier) return earlier;
    if (study.status !== 'running') throw new ConflictException(`study "${study.title}" is not running`);
    const form = await this.studyService.latestConsentForm(study.id);
    if (!form) throw new ConflictException('this study has no consent form yet');
    if (body.formVersion !== form.version) {
      throw new ConflictException(
        `consent form version ${body.formVersion} is outdated; the current version is ${form.version}`,
      );
    }
    const choices = {
      camera: body.camera,
      microphone: body.microphone,
      text: body.text,
      storeRawMedia: body.storeRawMedia,
    };
    const unasked = (['camera', 'microphone', 'text'] as const).filter(
      (m) => choices[m] && !form.modalities.includes(m),
    );
    if (unasked.length) throw new BadRequestException(`the study does not ask for: ${unasked.join(', ')}`);
    if (choices.storeRawMedia && !form.offersRawMediaStorage)
      throw new BadRequestException('the study does not offer raw media storage');
    const row = { participantId: participant.id, formVersionId: form.id, formVersion: form.version, choices };
    let saved: ConsentRecord;
    try {
      // The record and its audit entry together: a retry never finds one without the other.
      saved = await this.consent.manager.transaction(async (tx) => {
        const record = await tx.save(ConsentRecord, {
          ...row,
          clientEventId: body.clientEventId,
          createdAt: new Date(),
        });
        await tx.insert(AuditEntry, {
          actorType: 'participant',
          actorId: participant.id,
          action: 'consent.record',
          targetType: 'participant',
          targetId: participant.id,
          details: { formVersion: form.version, choices, clientEventId: body.clientEventId },
          at: record.createdAt,
        });
        return record;
      });
    } catch (err) {
      // The same request arrived twice at once and the other one was stored first.
      const raced = err instanceof QueryFailedError && !isConnectionError(err);
      const earlierNow = raced && (await this.earlierConsent(participant.id, body.clientEventId));
      if (earlierNow) return earlierNow;
      throw err;
    }
    return { ...toConsentDto(saved)!, duplicate: false };
  }

  private async earlierConsent(participantId: string, clientEventId: string): Promise<ConsentRecordDto | null> {
    const earlier = await this.consent.findOneBy({ clientEventId });
    if (!earlier) return null;
    if (earlier.participantId !== participantId)
      throw new ConflictException(`clientEventId ${clientEventId} was already used`);
    return { ...toConsentDto(earlier)!, duplicate: true };
  }

  async withdrawByParticipant(code: string): Promise<WithdrawalDto> {
    const { participant } = await this.byCode(code);
    const w = await this.withdrawalService.withdraw(participant, { type: 'participant', id: participant.id });
    return { participantCode: w.participantCode, withdrawnAt: w.withdrawnAt.toISOString() };
  }

  latestConsent(participantId: string): Promise<ConsentRecord | null> {
    return this.consent.findOne({ where: { participantId }, order: { id: 'DESC' } });
  }

  private async byCode(code: string): Promise<{ participant: Participant; study: Study }> {
    const participant = await this.participants.findOneBy({ code });
    const study = participant?.studyId ? await this.studies.findOneBy({ id: participant.studyId }) : null;
    if (!participant || !study) throw new NotFoundException('unknown or withdrawn participant code');
    return { participant, study };
  }

  private async inStudy(
    researcher: AuthenticatedResearcher,
    studyId: string,
    participantId: string,
  ): Promise<Participant> {
    await this.access.require(researcher, studyId);
    const participant = await this.participants.findOneBy({ id: participantId, studyId });
    if (!participant) throw new NotFoundException(`no participant ${participantId} in this study`);
    return participant;
  }

  private toDto(p: Participant, consent: ConsentRecord | null): ParticipantDto {
    return {
      id: p.id,
      code: p.code,
      joinPath: `/join/${p.code}`,
      createdAt: p.createdAt.toISOString(),
      consent: toConsentDto(consent),
    };
  }
}
