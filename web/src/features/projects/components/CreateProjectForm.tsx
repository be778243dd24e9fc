import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { paths } from '@/shared/paths';
import { ErrorMessage } from '@/shared/ui/feedback';
import { useCreateProject } from '../api/create-project';

export function CreateProjectForm() {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const create = useCreateProject();
  const nameId = useId();
  const descriptionId = useId();

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
    <form className="card form-grid" onSubmit={submit} aria-labelledby="create-project-title">
      <h2 id="create-project-title">New project</h2>
      <div className="field">
        <label htmlFor={nameId}>Name</label>
        <input
          id={nameId}
          value={name}
          maxLength={256}
          onChange={(event) => setName(event.target.value)}
          placeholder="churn-model"
          required
        />
      </div>
      <div className="field grow">
        <label htmlFor={descriptionId}>Description (optional)</label>
        <input id={descriptionId} value={description} onChange={(event) => setDescription(event.target.value)} />
      </div>
      <div className="field actions">
        <button type="submit" className="button primary" disabled={create.isPending || !name.trim()}>
          {create.isPending ? 'Creating…' : 'Create project'}
        </button>
      </div>
      <div className="form-feedback">
        <ErrorMessage error={create.error} />
        {create.isSuccess && create.data ? (
          <p role="status" className="success-message">
            Created <Link to={paths.project(create.data.id)}>{create.data.name}</Link>.
          </p>
        ) : null}
      </div>
    </form>
  );
}
