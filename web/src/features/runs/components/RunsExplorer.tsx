import { useCallback, useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { paths } from '@/shared/paths';
import { EmptyState, ErrorMessage, Loading } from '@/shared/ui/feedback';
import { useSearchRuns } from '../api/search-runs';
import { useColumnChoice } from '../hooks/useColumnChoice';
import { useRowSelection } from '../hooks/useRowSelection';
import { availableKeys, DEFAULT_SORT, nextSort, orderBy, parseOrder, type SortField } from '../lib/columns';
import { ColumnChooser } from './ColumnChooser';
import { RunsTable } from './RunsTable';

const FILTER_EXAMPLE = "metrics.acc > 0.9 and params.lr = '0.01'";

/** More lines than this make an unreadable chart (and as many requests per metric). */
export const MAX_COMPARED_RUNS = 25;

/**
 * A project's runs: a filter box in MLflow's search grammar, server-side order by header click, a column chooser,
 * the virtualized table and multi-select → compare. Filter and order live in the URL, so a view can be shared.
 */
export function RunsExplorer({ projectId }: { projectId: string }) {
  const [params, setParams] = useSearchParams();
  const filter = params.get('filter') ?? '';
  const sort = parseOrder(params.get('order'));
  const [draft, setDraft] = useState(filter);
  const filterId = useId();
  const errorId = useId();

  useEffect(() => setDraft(filter), [filter]);

  const search = useSearchRuns({
    projectIds: [projectId],
    filter: filter || undefined,
    orderBy: sort === DEFAULT_SORT ? undefined : [orderBy(sort)],
  });
  const runs = useMemo(() => search.data?.pages.flatMap((page) => page.runs) ?? [], [search.data]);
  const ids = useMemo(() => runs.map((run) => run.id), [runs]);
  const keys = useMemo(() => availableKeys(runs), [runs]);
  const { columns, toggle } = useColumnChoice(projectId, keys);
  const selection = useRowSelection(ids);
  const selectedIds = ids.filter((id) => selection.selected.has(id));

  const update = useCallback(
    (next: { filter?: string; order?: string | null }) => {
      setParams(
        (current) => {
          const copy = new URLSearchParams(current);
          if (next.filter !== undefined) {
            if (next.filter) copy.set('filter', next.filter);
            else copy.delete('filter');
          }
          if (next.order !== undefined) {
            if (next.order) copy.set('order', next.order);
            else copy.delete('order');
          }
          return copy;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const onSort = useCallback(
    (field: SortField) => {
      const next = nextSort(sort, field);
      const isDefault = next.field === DEFAULT_SORT.field && next.descending === DEFAULT_SORT.descending;
      update({ order: isDefault ? null : orderBy(next) });
    },
    [sort, update],
  );

  const { hasNextPage, isFetchingNextPage, fetchNextPage } = search;
  const onNearEnd = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update({ filter: draft.trim() });
  };

  // A refused filter is the filter's problem; anything else (e.g. an unknown order key) belongs to the table.
  const searchError = search.isError && !search.isFetchNextPageError ? search.error : null;

  return (
    <section className="card runs-explorer" aria-labelledby="runs-title">
      <div className="toolbar">
        <h2 id="runs-title">Runs</h2>
        <form className="filter-form" onSubmit={submit} role="search">
          <label htmlFor={filterId} className="visually-hidden">
            Filter runs
          </label>
          <input
            id={filterId}
            className="mono"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            placeholder={FILTER_EXAMPLE}
            aria-describedby={searchError ? errorId : undefined}
            aria-invalid={searchError ? true : undefined}
          />
          <button type="submit" className="button">
            Search
          </button>
          {filter ? (
            <button type="button" className="button ghost" onClick={() => update({ filter: '' })}>
              Clear
            </button>
          ) : null}
        </form>
        <ColumnChooser keys={keys} columns={columns} onToggle={toggle} />
        {selectedIds.length >= 2 && selectedIds.length <= MAX_COMPARED_RUNS ? (
          <Link className="button primary" to={paths.compare(selectedIds)}>
            Compare {selectedIds.length} runs
          </Link>
        ) : (
          <button
            type="button"
            className="button primary"
            disabled
            title={
              selectedIds.length > MAX_COMPARED_RUNS
                ? `Compare at most ${MAX_COMPARED_RUNS} runs at once`
                : 'Select two or more runs to compare'
            }
          >
            Compare
          </button>
        )}
      </div>
      <ErrorMessage error={searchError} id={errorId} />
      <p className="muted small" aria-live="polite">
        {search.isSuccess || runs.length > 0
          ? `${runs.length.toLocaleString()} run${runs.length === 1 ? '' : 's'}${hasNextPage ? ' loaded, more on scroll' : ''}${
              selectedIds.length ? ` · ${selectedIds.length} selected` : ''
            }${selectedIds.length > MAX_COMPARED_RUNS ? ` (compare takes at most ${MAX_COMPARED_RUNS})` : ''}`
          : ' '}
        {search.isFetching && !search.isPending ? ' · refreshing…' : ''}
      </p>
      {search.isPending ? <Loading label="Loading runs…" /> : null}
      {search.isSuccess && runs.length === 0 ? (
        filter ? (
          <EmptyState title="No run matches this filter">
            Loosen the filter or clear it. The grammar is MLflow&apos;s, e.g. <code>{FILTER_EXAMPLE}</code>.
          </EmptyState>
        ) : (
          <EmptyState title="No runs in this project yet">
            Log one with the API — <code>POST /api/v1/runs</code> with this project&apos;s id (
            <code className="mono">{projectId}</code>) — or from an MLflow client.
          </EmptyState>
        )
      ) : null}
      {runs.length > 0 ? (
        <RunsTable
          key={`${filter}|${orderBy(sort)}`}
          runs={runs}
          columns={columns}
          sort={sort}
          onSort={onSort}
          selected={selection.selected}
          onToggleRow={selection.toggle}
          onToggleAll={selection.setAll}
          onNearEnd={onNearEnd}
        />
      ) : null}
      {isFetchingNextPage ? <Loading label="Loading more runs…" /> : null}
      {search.isFetchNextPageError ? <ErrorMessage error={search.error} /> : null}
    </section>
  );
}
