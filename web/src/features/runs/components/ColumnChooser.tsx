import { columnId, KEY_KINDS, KIND_LABELS, type KeyColumn, type KeyKind } from '../lib/columns';

/** A disclosure listing every param, metric and tag key of the loaded runs, each a checkbox. */
export function ColumnChooser({
  keys,
  columns,
  onToggle,
}: {
  keys: Record<KeyKind, string[]>;
  columns: KeyColumn[];
  onToggle: (column: KeyColumn) => void;
}) {
  const shown = new Set(columns.map(columnId));
  const total = KEY_KINDS.reduce((sum, kind) => sum + keys[kind].length, 0);
  return (
    <details className="column-chooser">
      <summary className="button">Columns ({columns.length})</summary>
      <div className="popover" role="group" aria-label="Choose columns">
        {total === 0 ? <p className="muted">The loaded runs have no params, metrics or tags yet.</p> : null}
        {KEY_KINDS.filter((kind) => keys[kind].length > 0).map((kind) => (
          <fieldset key={kind}>
            <legend>{KIND_LABELS[kind]}</legend>
            {keys[kind].map((key) => {
              const column = { kind, key };
              return (
                <label key={key} className="checkbox-label">
                  <input type="checkbox" checked={shown.has(columnId(column))} onChange={() => onToggle(column)} />
                  <span className="mono">{key}</span>
                </label>
              );
            })}
          </fieldset>
        ))}
      </div>
    </details>
  );
}
