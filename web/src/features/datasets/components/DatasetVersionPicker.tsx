import { useState } from 'react';
import { Link } from 'react-router';
import { paths } from '@/shared/paths';
import { ErrorMessage, Loading } from '@/shared/ui/feedback';
import { LoadMoreButton } from '@/shared/ui/LoadMoreButton';
import { useDataset } from '../api/get-dataset';
import { useDatasets } from '../api/get-datasets';

export interface DatasetVersionPickerProps {
  /** Prefix of the controls' ids. */
  id: string;
  /** The chosen dataset version ids, in the order they were added. */
  value: string[];
  onChange: (versionIds: string[]) => void;
  /** The server refused the inputs: marks the dataset choice and points it at the error. */
  invalid?: boolean;
  describedBy?: string;
}

/**
 * Picks dataset versions (a run's inputs) from the organization's datasets: a dataset, then one of its versions
 * (newest first), then "Add input"; the chosen ones are listed with their names and a Remove button each. Datasets
 * without versions are not offered.
 */
export function DatasetVersionPicker({ id, value, onChange, invalid, describedBy }: DatasetVersionPickerProps) {
  const datasets = useDatasets();
  const list = datasets.data?.pages.flatMap((page) => page.datasets).filter((d) => d.latestVersion > 0) ?? [];
  const [datasetId, setDatasetId] = useState('');
  const [versionId, setVersionId] = useState('');
  const [labels, setLabels] = useState<Record<string, string>>({});
  const chosenDataset = list.find((d) => d.id === datasetId) ?? list[0];
  const detail = useDataset(chosenDataset?.id ?? '', { enabled: chosenDataset !== undefined });
  const versions = detail.data?.versions ?? [];
  const chosenVersion = versions.find((v) => v.id === versionId) ?? versions[0];
  const labelOf = (versionId: string) => labels[versionId] ?? versionId;

  const add = () => {
    if (!chosenDataset || !chosenVersion) return;
    setLabels((previous) => ({ ...previous, [chosenVersion.id]: `${chosenDataset.name} v${chosenVersion.version}` }));
    onChange([...value, chosenVersion.id]);
  };

  return (
    <fieldset className="params">
      <legend>Input dataset versions (optional)</legend>
      {value.length > 0 ? (
        <ul className="picked-inputs" aria-label="Chosen inputs">
          {value.map((versionId) => (
            <li key={versionId}>
              <span>{labelOf(versionId)}</span> <span className="muted mono small">{versionId}</span>{' '}
              <button
                type="button"
                className="button ghost"
                aria-label={`Remove input ${labelOf(versionId)}`}
                onClick={() => onChange(value.filter((v) => v !== versionId))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">None chosen: the run declares no inputs.</p>
      )}
      {datasets.isPending ? <Loading label="Loading datasets…" /> : null}
      {datasets.isError ? <ErrorMessage error={datasets.error} /> : null}
      {datasets.isSuccess && list.length === 0 && !datasets.hasNextPage ? (
        <p className="hint">
          No dataset has a version yet: register one and its versions through the API (see{' '}
          <Link to={paths.datasets()}>Datasets</Link>).
        </p>
      ) : null}
      {chosenDataset ? (
        <div className="param-row">
          <div className="field">
            <label htmlFor={`${id}-dataset`}>Dataset</label>
            <select
              id={`${id}-dataset`}
              value={chosenDataset.id}
              onChange={(event) => {
                setDatasetId(event.target.value);
                setVersionId('');
              }}
              aria-invalid={invalid || undefined}
              aria-describedby={describedBy}
            >
              {list.map((dataset) => (
                <option key={dataset.id} value={dataset.id}>
                  {dataset.name}
                  {dataset.deprecated ? ' (deprecated)' : ''}
                </option>
              ))}
            </select>
          </div>
          <div className="field grow">
            <label htmlFor={`${id}-version`}>Version</label>
            <select
              id={`${id}-version`}
              value={chosenVersion?.id ?? ''}
              disabled={!chosenVersion}
              onChange={(event) => setVersionId(event.target.value)}
            >
              {detail.isPending ? <option value="">Loading versions…</option> : null}
              {versions.map((version) => (
                <option key={version.id} value={version.id}>
                  v{version.version} — {version.uri}
                </option>
              ))}
            </select>
          </div>
          <button type="button" className="button" onClick={add} disabled={!chosenVersion || value.includes(chosenVersion.id)}>
            Add input
          </button>
          {detail.isError ? <ErrorMessage error={detail.error} /> : null}
        </div>
      ) : null}
      <LoadMoreButton list={datasets} label="Load more datasets" />
    </fieldset>
  );
}
