import { randomBytes, randomUUID } from 'node:crypto';
import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, Repository } from 'typeorm';
import { Experiment, ExperimentArm, ExperimentStatus } from '@attune/persistence';
import { STRATEGIES } from '@attune/recommender';
import type { AuthenticatedResearcher } from '../auth/auth.service';
import { StudyAccessService } from '../studies/study-access.service';
import { CreateExperimentDto, ExperimentDto, UpdateExperimentDto } from './experiment.dto';

/** Allowed status moves: an experiment runs once and is never restarted after it stops. */
const NEXT: Record<ExperimentStatus, ExperimentStatus[]> = { draft: ['running'], running: ['stopped'], stopped: [] };

@Injectable()
export class ExperimentsService {
  private readonly experiments: Repository<Experiment>;
  private readonly arms: Repository<ExperimentArm>;

  constructor(
    private readonly db: DataSource,
    private readonly access: StudyAccessService,
  ) {
    this.experiments = db.getRepository(Experiment);
    this.arms = db.getRepository(ExperimentArm);
  }

  async create(
    researcher: AuthenticatedResearcher,
    studyId: string,
    body: CreateExperimentDto,
  ): Promise<ExperimentDto> {
    await this.access.require(researcher, studyId);
    const keys = body.arms.map((a) => a.key);
    if (new Set(keys).size !== keys.length) throw new BadRequestException('arm keys must be unique');
    const unknown = body.arms.filter((a) => !STRATEGIES.has(a.strategy)).map((a) => a.strategy);
    if (unknown.length) {
      throw new BadRequestException(
        `unknown strategy ${unknown.join(', ')}; known: ${[...STRATEGIES.keys()].join(', ')}`,
      );
    }
    const id = randomUUID();
    await this.db.transaction(async (tx) => {
      await tx.getRepository(Experiment).insert({
        id,
        studyId,
        name: body.name,
        salt: randomBytes(12).toString('hex'),
        status: 'draft',
        createdAt: new Date(),
      });
      await tx.getRepository(ExperimentArm).save(
        body.arms.map((a) => ({
          id: randomUUID(),
          experimentId: id,
          key: a.key,
          strategy: a.strategy,
          params: a.params ?? {},
          weight: a.weight,
        })),
      );
    });
    return this.get(researcher, studyId, id);
  }

  async list(researcher: AuthenticatedResearcher, studyId: string): Promise<ExperimentDto[]> {
    await this.access.require(researcher, studyId);
    const rows = await this.experiments.find({ where: { studyId }, order: { createdAt: 'ASC' } });
    return Promise.all(rows.map((e) => this.toDto(e)));
  }

  async get(researcher: AuthenticatedResearcher, studyId: string, id: string): Promise<ExperimentDto> {
    return this.toDto(await this.inStudy(researcher, studyId, id));
  }

  async update(
    researcher: AuthenticatedResearcher,
    studyId: string,
    id: string,
    body: UpdateExperimentDto,
  ): Promise<ExperimentDto> {
    const experiment = await this.inStudy(researcher, studyId, id);
    if (!NEXT[experiment.status].includes(body.status)) {
      throw new ConflictException(`an experiment cannot go from ${experiment.status} to ${body.status}`);
    }
    if (body.status === 'running' && (await this.experiments.countBy({ studyId, status: 'running' })) > 0) {
      throw new ConflictException('another experiment of this study is running; stop it first');
    }
    experiment.status = body.status;
    return this.toDto(await this.experiments.save(experiment));
  }

  private async inStudy(researcher: AuthenticatedResearcher, studyId: string, id: string): Promise<Experiment> {
    await this.access.require(researcher, studyId);
    const experiment = await this.experiments.findOneBy({ id, studyId });
    if (!experiment) throw new NotFoundException(`no experiment ${id} in this study`);
    return experiment;
  }

  private async toDto(e: Experiment): Promise<ExperimentDto> {
    const arms = await this.arms.find({ where: { experimentId: e.id }, order: { key: 'ASC' } });
    return {
      id: e.id,
      studyId: e.studyId,
      name: e.name,
      status: e.status,
      arms: arms.map((a) => ({ id: a.id, key: a.key, strategy: a.strategy, params: a.params, weight: a.weight })),
      createdAt: e.createdAt.toISOString(),
    };
  }
}
