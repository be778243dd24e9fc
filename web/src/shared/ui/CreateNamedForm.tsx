import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { ErrorMessage } from './feedback';

interface CreateMutation<T> {
  mutate: (input: { name: string; description?: string }, options: { onSuccess: () => void }) => void;
  isPending: boolean;
  error: unknown;
  data?: T;
}

interface Props<T> {
  title: string;
  nameLabel: string;
  descriptionLabel: string;
  placeholder: string;
  submitLabel: string;
  create: CreateMutation<T>;
  /** What to say once created (a link to the new resource). */
  created: (resource: T) => ReactNode;
}

/** The "new <thing>" card of a list page: a name, an optional description, the server's refusal beside it. */
export function CreateNamedForm<T>({ title, nameLabel, descriptionLabel, placeholder, submitLabel, create, created }: Props<T>) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const id = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), description: description.trim() || undefined },
      {
        onSuccess: () => {
          setName('');
          setDescription('');
        },
      },
    );
  };

  return (
    <form className="card form-grid" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <div className="field">
        <label htmlFor={`${id}-name`}>{nameLabel}</label>
        <input id={`${id}-name`} value={name} maxLength={256} onChange={(event) => setName(event.target.value)} placeholder={placeholder} required />
      </div>
      <div className="field grow">
        <label htmlFor={`${id}-description`}>{descriptionLabel}</label>
        <input id={`${id}-description`} value={description} onChange={(event) => setDescription(event.target.value)} />
      </div>
      <div className="field actions">
        <button type="submit" className="button primary" disabled={create.isPending || !name.trim()}>
          {create.isPending ? 'Creating…' : submitLabel}
        </button>
      </div>
      <div className="form-feedback">
        <ErrorMessage error={create.error} />
        {create.data ? (
          <p role="status" className="success-message">
            {created(create.data)}
          </p>
        ) : null}
      </div>
    </form>
  );
}
