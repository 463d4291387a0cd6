import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError, Repository } from 'typeorm';
import { Assignment, Experiment, ExperimentArm } from '@attune/persistence';
import { chooseArm } from '@attune/experiments';

/**
 * The arm a study participant's session runs: the study's running experiment, a sticky
 * hash of its salt and the participant, recorded once so later analysis sees the assignment.
 */
@Injectable()
export class AssignmentService {
  private readonly experiments: Repository<Experiment>;
  private readonly arms: Repository<ExperimentArm>;
  private readonly assignments: Repository<Assignment>;

  constructor(db: DataSource) {
    this.experiments = db.getRepository(Experiment);
    this.arms = db.getRepository(ExperimentArm);
    this.assignments = db.getRepository(Assignment);
  }

  async armFor(studyId: string, participantId: string): Promise<ExperimentArm | null> {
    const experiment = await this.experiments.findOneBy({ studyId, status: 'running' });
    if (!experiment) return null;
    const arms = await this.arms.find({ where: { experimentId: experiment.id }, order: { key: 'ASC' } });
    const key = chooseArm(experiment.salt, participantId, arms);
    const arm = arms.find((a) => a.key === key)!;
    try {
      await this.assignments.insert({
        experimentId: experiment.id,
        participantId,
        armId: arm.id,
        assignedAt: new Date(),
      });
    } catch (err) {
      // Already assigned (a later session): the hash is sticky, so the stored arm is this one.
      if (!(err instanceof QueryFailedError)) throw err;
    }
    return arm;
  }
}
