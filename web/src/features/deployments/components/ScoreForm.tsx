import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '@/shared/api/client';
import { ErrorMessage } from '@/shared/ui/feedback';
import { useScore } from '../api/score';
import { columnOfField, inputHint, parseValue } from '../lib/score-input';
import type { ScoreValue, SignatureColumn } from '../types';

function show(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * "Try it": one input per column of the served version's input signature, each checked against its type in the
 * browser before anything is sent; then one row goes to `POST /deployments/{id}/score` and the predictions (and
 * the version that answered) are shown. A refusal shows the server's problem under the form, and under the column
 * it names (`rows[0].<column>`).
 */
export function ScoreForm({ deploymentId, columns, ready }: { deploymentId: string; columns: SignatureColumn[]; ready: boolean }) {
  const id = useId();
  const score = useScore(deploymentId);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(columns.map((c) => [c.name, c.type === 'boolean' ? 'false' : ''])),
  );
  const [invalid, setInvalid] = useState<Record<string, string>>({});

  const serverColumn = score.error instanceof ApiError ? columnOfField(score.error.field) : undefined;
  const errorOf = (name: string) => invalid[name] ?? (serverColumn === name ? score.error : null);
  const inputId = (index: number) => `${id}-col-${index}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const row: Record<string, ScoreValue> = {};
    const problems: Record<string, string> = {};
    for (const column of columns) {
      const parsed = parseValue(column, values[column.name] ?? '');
      if (parsed.ok) row[column.name] = parsed.value;
      else problems[column.name] = parsed.error;
    }
    setInvalid(problems);
    const first = columns.findIndex((c) => problems[c.name]);
    if (first >= 0) {
      document.getElementById(inputId(first))?.focus();
      return;
    }
    score.mutate([row]);
  };

  const predictions = score.data?.predictions ?? [];
  const keys = [...new Set(predictions.flatMap((p) => Object.keys(p)))];

  return (
    <form className="card form-grid" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`}>Try it</h2>
      <p className="hint wide">
        One row, checked against the input signature here and by the model server. {ready ? '' : 'No model server is ready yet: scoring answers 503 until one is.'}
      </p>
      {columns.map((column, index) => {
        const error = errorOf(column.name);
        const errorId = `${inputId(index)}-error`;
        const hintId = `${inputId(index)}-hint`;
        const common = {
          id: inputId(index),
          value: values[column.name] ?? '',
          'aria-invalid': error ? true : undefined,
          'aria-describedby': error ? `${hintId} ${errorId}` : hintId,
        };
        const set = (text: string) => setValues((previous) => ({ ...previous, [column.name]: text }));
        return (
          <div className="field" key={column.name}>
            <label htmlFor={inputId(index)}>
              {column.name} <span className="muted small">({column.type})</span>
            </label>
            {column.type === 'boolean' ? (
              <select {...common} onChange={(e) => set(e.target.value)}>
                <option value="false">false</option>
                <option value="true">true</option>
              </select>
            ) : (
              <input
                {...common}
                inputMode={['integer', 'long'].includes(column.type) ? 'numeric' : ['float', 'double'].includes(column.type) ? 'decimal' : undefined}
                onChange={(e) => set(e.target.value)}
              />
            )}
            <span className="hint" id={hintId}>
              {inputHint(column.type)}
            </span>
            {invalid[column.name] ? (
              <p className="error-message" role="alert" id={errorId}>
                {invalid[column.name]}
              </p>
            ) : serverColumn === column.name ? (
              <ErrorMessage error={score.error} id={errorId} />
            ) : null}
          </div>
        );
      })}
      <div className="field actions">
        <button type="submit" className="button primary" disabled={score.isPending}>
          {score.isPending ? 'Scoring…' : 'Score'}
        </button>
      </div>
      <div className="form-feedback">
        {score.error && !serverColumn ? <ErrorMessage error={score.error} /> : null}
        {score.isSuccess && !score.isPending ? (
          <div role="status">
            <p className="success-message">
              {predictions.length === 1 ? '1 prediction' : `${predictions.length} predictions`}
              {score.data.answeredBy ? `, answered by v${score.data.answeredBy}` : ''}.
            </p>
            <table className="table" aria-label="Predictions">
              <thead>
                <tr>
                  {keys.map((key) => (
                    <th scope="col" key={key}>
                      {key}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {predictions.map((prediction, row) => (
                  <tr key={row}>
                    {keys.map((key) => (
                      <td key={key} className="mono">
                        {show(prediction[key])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </div>
    </form>
  );
}
