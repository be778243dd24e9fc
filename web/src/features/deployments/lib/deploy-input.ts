import type { CreateDeploymentInput, DeploymentTarget } from '../types';

/** The fields of the Deploy form, as the API names them (a refusal's `field` puts its detail under one). */
export type DeployField = 'name' | 'served' | 'target' | 'replicas';

export interface DeployDraft {
  name: string;
  /** `version` for the version itself, or `alias:<name>` to deploy by that alias. */
  served: string;
  target: DeploymentTarget;
  replicas: string;
}

export const MAX_REPLICAS = 16;

/** Java's `Character.isISOControl`, which the server's name check uses. */
function isControl(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
}
const MAX_NAME_LENGTH = 256;

/**
 * Checks the form as the server would (docs/api.md, Deployments) and builds the request: a blank name is left to
 * the server (`deployment-<id>`), replicas are a whole number 0–16. Answers the request or the first field at fault.
 */
export function deployInput(modelId: string, version: number, draft: DeployDraft): { input: CreateDeploymentInput } | { field: DeployField; message: string } {
  const name = draft.name.trim();
  if (name.length > MAX_NAME_LENGTH) return { field: 'name', message: `A name has at most ${MAX_NAME_LENGTH} characters; this one has ${name.length}` };
  if ([...name].some(isControl)) return { field: 'name', message: 'A name must not contain control characters' };
  const replicasText = draft.replicas.trim();
  const replicas = Number(replicasText);
  if (replicasText === '' || !Number.isInteger(replicas) || replicas < 0 || replicas > MAX_REPLICAS) {
    return { field: 'replicas', message: `Replicas must be a whole number from 0 to ${MAX_REPLICAS}` };
  }
  const served = draft.served.startsWith('alias:') ? { alias: draft.served.slice('alias:'.length) } : { version };
  return { input: { modelId, ...served, name: name || undefined, target: draft.target, replicas } };
}

/** Which field of the form a refusal's `field` names (`version` and `alias` are the "Serve" choice). */
export function deployFieldOf(field: string | undefined): DeployField | undefined {
  if (field === 'version' || field === 'alias') return 'served';
  if (field === 'name' || field === 'target' || field === 'replicas') return field;
  return undefined;
}
