import { encodePath } from '@/shared/api/client';
import type { GrantTarget } from '../types';

/** `/projects/{id}/grants/users/{principalId}` or `…/groups/{groupId}`. */
export function grantPath(projectId: string, { granteeType, granteeId }: GrantTarget) {
  const kind = granteeType === 'USER' ? 'users' : 'groups';
  return `/projects/${encodePath(projectId)}/grants/${kind}/${encodeURIComponent(granteeId)}`;
}
