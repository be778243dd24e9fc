import type { ApprovalRequest, ChangeOutcome } from '../types';

/**
 * A stage change or alias move answers 200 with the changed resource or 202 with an approval request. The client
 * hands over bodies only, so the approval request is recognised by its `requestedBy`, which versions and models
 * lack.
 */
export function toOutcome<T extends object>(body: T | ApprovalRequest): ChangeOutcome<T> {
  return 'requestedBy' in body ? { applied: false, approval: body } : { applied: true, result: body as T };
}
