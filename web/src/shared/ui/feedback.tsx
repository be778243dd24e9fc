import type { ReactNode } from 'react';
import { ApiError } from '../api/client';

/** The message to show for a failed call: the problem's `detail` (and the field it names). */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.field ? `${error.detail} (${error.field})` : error.detail;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong';
}

/** An error shown beside the action that caused it; announced to screen readers. */
export function ErrorMessage({ error, id }: { error: unknown; id?: string }) {
  if (!error) return null;
  return (
    <p className="error-message" role="alert" id={id}>
      {errorMessage(error)}
    </p>
  );
}

export function Loading({ label }: { label: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-title">{title}</p>
      {children ? <div className="empty-body">{children}</div> : null}
    </div>
  );
}
