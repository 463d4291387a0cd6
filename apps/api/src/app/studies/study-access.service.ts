import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, Repository } from 'typeorm';
import { Study } from '@attune/persistence';
import type { AuthenticatedResearcher } from '../auth/auth.service';

/** The one rule for study data: admins see every study, researchers only the studies they own. */
export function canSeeStudy(researcher: AuthenticatedResearcher, ownerId: string): boolean {
  return researcher.role === 'admin' || researcher.id === ownerId;
}

@Injectable()
export class StudyAccessService {
  private readonly studies: Repository<Study>;

  constructor(db: DataSource) {
    this.studies = db.getRepository(Study);
  }

  /** The study if this researcher may see it; 404 otherwise, so other studies' ids are not confirmed. */
  async require(researcher: AuthenticatedResearcher, studyId: string): Promise<Study> {
    const study = await this.studies.findOneBy({ id: studyId });
    if (!study || !canSeeStudy(researcher, study.ownerId)) throw new NotFoundException(`no study ${studyId}`);
    return study;
  }
}
