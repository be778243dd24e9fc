import { useState, type ReactNode } from 'react';
import { ErrorMessage } from './feedback';

/**
 * A "Delete …" button that asks first: the confirmation says what deleting does (`children`) and offers
 * "Delete <name>" and Cancel; a refusal shows beside them.
 */
export function ConfirmDeletion({
  label,
  name,
  pending,
  error,
  onConfirm,
  children,
}: {
  label: string;
  name: string;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  children: ReactNode;
}) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" className="button danger" onClick={() => setConfirming(true)}>
        {label}
      </button>
    );
  }
  return (
    <div className="danger-zone" role="group" aria-label="Confirm deletion">
      <p>{children}</p>
      <button type="button" className="button danger" disabled={pending} onClick={onConfirm}>
        {pending ? 'Deleting…' : `Delete ${name}`}
      </button>{' '}
      <button type="button" className="button" onClick={() => setConfirming(false)}>
        Cancel
      </button>
      <ErrorMessage error={error} />
    </div>
  );
}
