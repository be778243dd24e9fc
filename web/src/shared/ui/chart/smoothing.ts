/** The most a slider may smooth: at 1 the average would never move off its first value. */
export const MAX_SMOOTHING = 0.99;

/**
 * TensorBoard's (and W&B's) exponential moving average with debiasing, in one pass: each finite point moves the
 * running average towards it by `1 - weight`, and the average is divided by `1 - weight^n` (n = points seen) so the
 * start is not pulled towards zero. Gaps (null, NaN, ±Infinity) stay gaps and do not move the average. A constant
 * series is returned unchanged (the division would otherwise leave rounding noise). `weight` is clamped to
 * [0, MAX_SMOOTHING]; 0 returns the input.
 */
export function emaSmooth(ys: readonly (number | null)[], weight: number): (number | null)[] {
  const w = Math.min(Math.max(Number.isFinite(weight) ? weight : 0, 0), MAX_SMOOTHING);
  if (w === 0 || isConstant(ys)) return ys.slice();
  const out = new Array<number | null>(ys.length);
  let last = 0;
  let debias = 1;
  for (let i = 0; i < ys.length; i += 1) {
    const y = ys[i];
    if (y === null || !Number.isFinite(y)) {
      out[i] = null;
      continue;
    }
    last = last * w + (1 - w) * y;
    debias *= w;
    out[i] = last / (1 - debias);
  }
  return out;
}

function isConstant(ys: readonly (number | null)[]): boolean {
  let first: number | null = null;
  for (const y of ys) {
    if (y === null || !Number.isFinite(y)) continue;
    if (first === null) first = y;
    else if (y !== first) return false;
  }
  return true;
}
