import { useId, useMemo, useState } from 'react';
import type { Run } from '../types';
import { availableAxes, axisId, buildParallelCoordinates, defaultAxes, type PcLine } from '../lib/parallel-coordinates';

const AXIS_GAP = 150;
const MARGIN_X = 70;
const TOP = 40;
const PLOT_HEIGHT = 220;
const MISSING_Y = TOP + PLOT_HEIGHT + 30;
const HEIGHT = MISSING_Y + 24;

const y = (position: number | null) => (position === null ? MISSING_Y : TOP + (1 - position) * PLOT_HEIGHT);
const shorten = (text: string, max = 18) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Runs across their params and latest metrics: one vertical axis per chosen param or metric, one line per run in its
 * colour. A run without a value on an axis is drawn on the axis' "n/a" slot below it, with a hollow marker. Hovering
 * a line, or hovering or focusing the run in the table under the plot (which holds the same values), highlights it
 * and names it; a click on the run's button keeps it highlighted.
 */
export function ParallelCoordinates({ runs, colors }: { runs: Run[]; colors: string[] }) {
  const choices = useMemo(() => availableAxes(runs), [runs]);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(defaultAxes(runs)));
  const [hovered, setHovered] = useState<string | null>(null);
  const [pinned, setPinned] = useState<string | null>(null);
  const statusId = useId();
  const picked = choices.filter((choice) => chosen.has(axisId(choice)));
  const { axes, lines } = useMemo(() => buildParallelCoordinates(runs, picked, colors), [runs, picked.map(axisId).join(), colors.join()]);
  const highlighted = hovered ?? pinned;
  const active = lines.find((line) => line.runId === highlighted);

  if (choices.length === 0) return <p className="muted">None of these runs has params or metrics to plot.</p>;
  const width = MARGIN_X * 2 + Math.max(axes.length - 1, 1) * AXIS_GAP;
  const x = (i: number) => (axes.length === 1 ? width / 2 : MARGIN_X + i * AXIS_GAP);
  const toggle = (id: string) =>
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  // the highlighted line is drawn last, over the others
  const ordered: PcLine[] = active ? [...lines.filter((line) => line !== active), active] : lines;

  return (
    <div className="parallel">
      <fieldset className="axis-picker">
        <legend>Axes</legend>
        {choices.map((choice) => (
          <label key={axisId(choice)} className="checkbox-label">
            <input type="checkbox" checked={chosen.has(axisId(choice))} onChange={() => toggle(axisId(choice))} />
            <span className="muted small">{choice.source}</span> <span className="mono">{choice.key}</span>
          </label>
        ))}
      </fieldset>
      {axes.length < 2 ? (
        <p className="muted">Pick at least two axes.</p>
      ) : (
        <>
          <div className="parallel-scroll">
            <svg
              className="parallel-plot"
              viewBox={`0 0 ${width} ${HEIGHT}`}
              width={width}
              height={HEIGHT}
              role="img"
              aria-label={`Parallel coordinates of ${lines.length} runs over ${axes.map((axis) => axis.label).join(', ')}; the table below holds the same values`}
            >
              {axes.map((axis, i) => (
                <g key={axis.id} className="pc-axis" data-axis={axis.id}>
                  <line x1={x(i)} x2={x(i)} y1={TOP} y2={TOP + PLOT_HEIGHT} />
                  <text x={x(i)} y={TOP - 22} textAnchor="middle" className="pc-axis-label">
                    <title>{`${axis.source} ${axis.key} (${axis.kind})`}</title>
                    {shorten(axis.label)}
                  </text>
                  {axis.ticks.map((tick) => (
                    <text key={tick.label} x={x(i) - 6} y={y(tick.position) + 4} textAnchor="end" className="pc-tick">
                      {shorten(tick.label, 12)}
                    </text>
                  ))}
                  {axis.hasMissing ? (
                    <text x={x(i) - 6} y={MISSING_Y + 4} textAnchor="end" className="pc-tick">
                      n/a
                    </text>
                  ) : null}
                </g>
              ))}
              {ordered.map((line) => {
                const points = line.positions.map((position, i) => `${x(i)},${y(position)}`).join(' ');
                const dimmed = active !== undefined && line !== active;
                return (
                  <g
                    key={line.runId}
                    data-run-id={line.runId}
                    className={`pc-run${dimmed ? ' dimmed' : ''}${line === active ? ' active' : ''}`}
                    onMouseEnter={() => setHovered(line.runId)}
                    onMouseLeave={() => setHovered(null)}
                  >
                    <polyline className="pc-line" points={points} stroke={line.color} />
                    <polyline className="pc-hit" points={points}>
                      <title>{line.name}</title>
                    </polyline>
                    {line.positions.map((position, i) =>
                      position === null ? <circle key={axes[i].id} className="pc-missing" cx={x(i)} cy={MISSING_Y} r={4} stroke={line.color} /> : null,
                    )}
                  </g>
                );
              })}
            </svg>
          </div>
          <p id={statusId} className="small parallel-status" aria-live="polite">
            {active ? (
              <>
                <span className="swatch" style={{ background: active.color }} aria-hidden="true" />
                <strong>{active.name}</strong>
                {pinned === active.runId ? ' (kept highlighted)' : ''}
              </>
            ) : (
              <span className="muted">Hover a line or a run below to highlight it.</span>
            )}
          </p>
          <div className="table-scroll">
            <table className="table compact">
              <caption className="visually-hidden">Parallel coordinates values</caption>
              <thead>
                <tr>
                  <th scope="col">Run</th>
                  {axes.map((axis) => (
                    <th scope="col" key={axis.id} className="mono">
                      {axis.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {lines.map((line) => (
                  <tr key={line.runId} className={line === active ? 'highlighted' : undefined}>
                    <th scope="row">
                      <button
                        type="button"
                        className="button ghost small"
                        aria-pressed={pinned === line.runId}
                        onClick={() => setPinned((current) => (current === line.runId ? null : line.runId))}
                        onFocus={() => setHovered(line.runId)}
                        onBlur={() => setHovered(null)}
                        onMouseEnter={() => setHovered(line.runId)}
                        onMouseLeave={() => setHovered(null)}
                      >
                        <span className="swatch" style={{ background: line.color }} aria-hidden="true" />
                        {line.name}
                      </button>
                    </th>
                    {line.values.map((value, i) => (
                      <td key={axes[i].id} className="mono">
                        {value ?? <span className="muted">— <span className="visually-hidden">missing</span></span>}
                        {value !== null && line.positions[i] === null ? <span className="visually-hidden"> (not plotted)</span> : null}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
