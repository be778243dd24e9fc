import { useId, useState, type FormEvent } from 'react';
import { ErrorMessage } from '@/shared/ui/feedback';
import { usePromoteCanary } from '../api/promote-canary';
import { useRollBackCanary } from '../api/roll-back-canary';
import { useUpdateDeployment } from '../api/update-deployment';
import type { Deployment, ModelVersionSummary } from '../types';

type Change =
  | { kind: 'promote' }
  | { kind: 'rollback' }
  | { kind: 'resplit'; percent: number }
  | { kind: 'rollout'; version: number; percent: number };

function explain(change: Change, stable: number, canary?: number): { text: string; action: string } {
  switch (change.kind) {
    case 'promote':
      return {
        text: `Promote v${canary}: it becomes the stable version with 100 % of the traffic, and v${stable}'s model server stops.`,
        action: `Promote v${canary}`,
      };
    case 'rollback':
      return {
        text: `Roll back v${canary}: v${stable} takes 100 % of the traffic again, and v${canary}'s model server stops.`,
        action: `Roll back v${canary}`,
      };
    case 'resplit':
      return {
        text:
          `Send ${change.percent} % of the traffic to v${canary} and ${100 - change.percent} % to v${stable}. A running canary's ` +
          `share cannot be changed in place: the canary is rolled back, then started again at ${change.percent} % (its model server restarts).`,
        action: `Apply ${change.percent} %`,
      };
    case 'rollout':
      return change.percent === 100
        ? { text: `Replace v${stable} with v${change.version} at once: v${change.version} takes 100 % of the traffic.`, action: `Deploy v${change.version}` }
        : {
            text: `Start v${change.version} as a canary with ${change.percent} % of the traffic; v${stable} keeps ${100 - change.percent} %.`,
            action: `Start canary at ${change.percent} %`,
          };
  }
}

/**
 * The traffic split of a deployment. During a canary a slider moves the canary's share (0 rolls it back, 100
 * promotes it); otherwise a version is rolled out at once (100 %) or as a canary (1–99 %). Every change waits
 * for a confirmation that says what will happen. `versions` are the model's registered versions to offer.
 */
export function TrafficSplit({ deployment, versions, canChange }: { deployment: Deployment; versions: ModelVersionSummary[]; canChange: boolean }) {
  const id = useId();
  const stable = deployment.versions.find((v) => v.role === 'stable');
  const canary = deployment.versions.find((v) => v.role === 'canary');
  const current = canary?.trafficPercent ?? 0;
  const others = versions.filter((v) => v.version !== stable?.version);
  const [percent, setPercent] = useState(canary ? current : 10);
  const [picked, setVersion] = useState<number | ''>('');
  // the model's versions may arrive after the deployment: until one is picked, offer the newest other one
  const version: number | '' = picked !== '' ? picked : others.length > 0 ? others[0].version : '';
  const [pending, setPending] = useState<Change | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const promote = usePromoteCanary(deployment.id);
  const rollback = useRollBackCanary(deployment.id);
  const update = useUpdateDeployment(deployment.id);

  if (!stable) return null;

  const ask = (change: Change) => {
    setError(null);
    setDone(null);
    setPending(change);
  };

  const apply = async (change: Change) => {
    setBusy(true);
    setError(null);
    try {
      if (change.kind === 'promote') await promote.mutateAsync(undefined);
      else if (change.kind === 'rollback') await rollback.mutateAsync(undefined);
      else if (change.kind === 'resplit' && canary) {
        await rollback.mutateAsync(undefined);
        await update.mutateAsync({ version: canary.version, canaryPercent: change.percent });
      } else if (change.kind === 'rollout') {
        await update.mutateAsync({ version: change.version, canaryPercent: change.percent === 100 ? undefined : change.percent });
      }
      setDone(`${explain(change, stable.version, canary?.version).action}: done.`);
      setPending(null);
      if (change.kind === 'promote' || change.kind === 'rollback') setPercent(10);
      if (change.kind === 'rollout') setPercent(change.percent === 100 ? 10 : change.percent);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const onSliderSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (canary) {
      if (percent === current) return;
      ask(percent === 0 ? { kind: 'rollback' } : percent === 100 ? { kind: 'promote' } : { kind: 'resplit', percent });
    } else if (version !== '') {
      ask({ kind: 'rollout', version, percent: Math.max(1, percent) });
    }
  };

  const confirmation = pending ? explain(pending, stable.version, canary?.version) : null;
  const sliderLabel = canary ? `Traffic to canary v${canary.version} (%)` : 'Traffic to the new version (%)';
  const min = canary ? 0 : 1;

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Traffic split</h2>
      <div className="traffic-bar" aria-hidden="true">
        {deployment.versions.map((v) => (
          <span key={v.role} className={`traffic-${v.role}`} style={{ width: `${v.trafficPercent}%` }}>
            v{v.version} {v.trafficPercent} %
          </span>
        ))}
      </div>
      {!canChange ? <p className="muted">Changing the traffic needs the EDITOR role on the deployment's project.</p> : null}
      {canChange ? (
        <form className="form-grid" onSubmit={onSliderSubmit} aria-label={canary ? 'Canary traffic' : 'Roll out a version'}>
          {!canary ? (
            others.length > 0 ? (
              <div className="field">
                <label htmlFor={`${id}-version`}>Version to roll out</label>
                <select id={`${id}-version`} value={version} onChange={(e) => setVersion(Number(e.target.value))} disabled={busy}>
                  {others.map((v) => (
                    <option key={v.version} value={v.version}>
                      v{v.version}
                      {v.stage && v.stage !== 'None' ? ` (${v.stage})` : ''}
                    </option>
                  ))}
                </select>
              </div>
            ) : (
              <p className="muted wide">The model has no other version to roll out yet; register one in the registry.</p>
            )
          ) : null}
          <div className="field grow">
            <label htmlFor={`${id}-percent`}>{sliderLabel}</label>
            <input
              id={`${id}-percent`}
              type="range"
              min={min}
              max={100}
              step={1}
              value={percent}
              disabled={busy || (!canary && others.length === 0)}
              aria-valuetext={`${percent} % to ${canary ? `v${canary.version}` : 'the new version'}, ${100 - percent} % to v${stable.version}`}
              onChange={(e) => {
                setPercent(Number(e.target.value));
                setPending(null);
              }}
            />
            <output htmlFor={`${id}-percent`} className="small">
              v{stable.version}: {100 - percent} % · {canary ? `v${canary.version}` : version === '' ? 'new version' : `v${version}`}: {percent} %
              {!canary && percent === 100 ? ' (replaces it at once)' : ''}
            </output>
          </div>
          <div className="field actions">
            <button
              type="submit"
              className="button primary"
              disabled={busy || (canary ? percent === current : version === '')}
            >
              {canary ? 'Apply split…' : 'Roll out…'}
            </button>
            {canary ? (
              <>
                <button type="button" className="button" disabled={busy} onClick={() => ask({ kind: 'promote' })}>
                  Promote canary…
                </button>
                <button type="button" className="button" disabled={busy} onClick={() => ask({ kind: 'rollback' })}>
                  Roll back canary…
                </button>
              </>
            ) : null}
          </div>
        </form>
      ) : null}
      {pending && confirmation ? (
        <div className="danger-zone confirm" role="group" aria-label="Confirm traffic change">
          <p>{confirmation.text}</p>
          <button type="button" className="button primary" disabled={busy} onClick={() => apply(pending)}>
            {busy ? 'Applying…' : confirmation.action}
          </button>{' '}
          <button type="button" className="button" disabled={busy} onClick={() => setPending(null)}>
            Cancel
          </button>
        </div>
      ) : null}
      <div className="form-feedback">
        <ErrorMessage error={error} />
        {done && !error ? (
          <p role="status" className="success-message">
            {done}
          </p>
        ) : null}
      </div>
    </section>
  );
}
