import { paths } from '@/shared/paths';
import type { NodeRef } from '../types';

export const nodeKey = (node: NodeRef) => `${node.kind}:${node.id}`;

const KIND_LABELS: Record<string, string> = {
  'dataset-version': 'Dataset version',
  'source-snapshot': 'Source snapshot',
  run: 'Run',
  artifact: 'Artifact',
  'model-version': 'Model version',
  deployment: 'Deployment',
};

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}

/** A readable name: the node's own name, path or URI when the projection recorded one, else its id. */
export function nodeLabel(node: NodeRef & { properties?: Record<string, unknown> }): string {
  const props = node.properties ?? {};
  for (const key of ['name', 'path', 'uri', 'repository']) {
    if (typeof props[key] === 'string' && props[key]) return props[key] as string;
  }
  if (node.kind === 'artifact') return node.id.replace(/^[^/]+\//, '').replace(/@sha256:.*$/, '');
  return node.id;
}

/** The page that shows the resource behind a node, when the UI has one. */
export function resourcePath(node: NodeRef): string | undefined {
  const owner = (separator: RegExp) => node.id.replace(separator, '');
  switch (node.kind) {
    case 'run':
      return paths.run(node.id);
    case 'artifact':
      return paths.run(node.id.split('/')[0]);
    case 'model-version':
      return paths.model(owner(/\.v\d+$/));
    case 'dataset-version':
      return paths.dataset(owner(/\.v\d+$/));
    case 'deployment':
      return paths.deployment(node.id);
    default:
      return undefined;
  }
}
