import { useId } from 'react';
import { MAX_SMOOTHING } from '@/shared/ui/chart/smoothing';
import type { ChartSettings } from '../hooks/useChartSettings';
import { X_AXIS_MODES } from '../lib/series';

/** The x axis (step, wall time, relative time) and the smoothing slider of every metric chart on the page. */
export function ChartSettingsBar({ settings, onChange }: { settings: ChartSettings; onChange: (next: Partial<ChartSettings>) => void }) {
  const smoothingId = useId();
  const name = useId();
  return (
    <div className="chart-settings">
      <fieldset className="segmented">
        <legend>X axis</legend>
        {X_AXIS_MODES.map(({ mode, label }) => (
          <label key={mode} className="checkbox-label">
            <input type="radio" name={name} value={mode} checked={settings.xAxis === mode} onChange={() => onChange({ xAxis: mode })} />
            {label}
          </label>
        ))}
      </fieldset>
      <div className="smoothing">
        <label htmlFor={smoothingId}>Smoothing</label>
        <input
          id={smoothingId}
          type="range"
          min={0}
          max={MAX_SMOOTHING}
          step={0.01}
          value={settings.smoothing}
          aria-valuetext={settings.smoothing === 0 ? 'off' : settings.smoothing.toFixed(2)}
          onChange={(event) => onChange({ smoothing: Number(event.target.value) })}
        />
        <output htmlFor={smoothingId} className="mono">
          {settings.smoothing === 0 ? 'off' : settings.smoothing.toFixed(2)}
        </output>
      </div>
    </div>
  );
}
