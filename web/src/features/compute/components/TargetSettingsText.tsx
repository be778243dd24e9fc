import type { ComputeTarget } from '../types';

/** A target's settings in one line: "spark://m:7077 · 2 GPUs · at most 4 runs at once". */
export function settingsSummary(target: ComputeTarget): string {
  const s = target.settings ?? {};
  const parts = [
    s.sparkMaster ? `master ${s.sparkMaster}` : null,
    s.namespace ? `namespace ${s.namespace}` : null,
    s.gpus != null ? `${s.gpus} GPU${s.gpus === 1 ? '' : 's'}` : null,
    s.maxConcurrentRuns != null ? `at most ${s.maxConcurrentRuns} run${s.maxConcurrentRuns === 1 ? '' : 's'} at once` : 'unlimited runs at once',
  ];
  return parts.filter(Boolean).join(' · ');
}
