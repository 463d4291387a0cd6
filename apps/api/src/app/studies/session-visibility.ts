import type { SessionSummary } from '@attune/protocol';
import type { AuthenticatedResearcher } from '../auth/auth.service';
import type { OwnedSessionSummary } from '../sessions/session.service';
import { canSeeStudy } from './study-access.service';

/** Demo sessions (no study) are visible to every researcher; study sessions to the owner and admins. */
export function canSeeSession(researcher: AuthenticatedResearcher, ownerId: string | null): boolean {
  return ownerId === null || canSeeStudy(researcher, ownerId);
}

export function visibleSessions(researcher: AuthenticatedResearcher, list: OwnedSessionSummary[]): SessionSummary[] {
  return list.filter((s) => canSeeSession(researcher, s.ownerId)).map(({ ownerId: _owner, ...summary }) => summary);
}
