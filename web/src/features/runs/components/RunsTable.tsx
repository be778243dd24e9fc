import { memo, useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { formatDuration, formatMetric, formatTime } from '@/shared/lib/format';
import { paths } from '@/shared/paths';
import { useWindowing } from '@/shared/ui/useWindowing';
import { columnId, KIND_LABELS, sortField, type KeyColumn, type Sort, type SortField } from '../lib/columns';
import type { Run } from '../types';
import { RunStatusBadge } from './RunStatusBadge';

export const ROW_HEIGHT = 36;

interface RunsTableProps {
  runs: Run[];
  columns: KeyColumn[];
  sort: Sort;
  onSort: (field: SortField) => void;
  selected: ReadonlySet<string>;
  onToggleRow: (index: number, event: { shiftKey: boolean }) => void;
  onToggleAll: (on: boolean) => void;
  /** Called when the user scrolls near the last loaded row (to load the next page). */
  onNearEnd?: () => void;
}

function SortHeader({
  label,
  field,
  sort,
  onSort,
  title,
}: {
  label: string;
  field: SortField;
  sort: Sort;
  onSort: (field: SortField) => void;
  title?: string;
}) {
  const active = sort.field === field;
  const direction = active ? (sort.descending ? 'descending' : 'ascending') : 'none';
  return (
    <th scope="col" aria-sort={direction} title={title}>
      <button type="button" className="sort-button" onClick={() => onSort(field)}>
        <span className="truncate">{label}</span>
        <span aria-hidden="true" className="sort-mark">
          {active ? (sort.descending ? '▼' : '▲') : ''}
        </span>
      </button>
    </th>
  );
}

function cellValue(run: Run, column: KeyColumn): string {
  if (column.kind === 'metrics') return formatMetric(run.metrics[column.key]?.value);
  const value = column.kind === 'params' ? run.params[column.key] : run.tags[column.key];
  return value ?? '—';
}

const RunRow = memo(function RunRow({
  run,
  index,
  columns,
  checked,
  onToggleRow,
}: {
  run: Run;
  index: number;
  columns: KeyColumn[];
  checked: boolean;
  onToggleRow: RunsTableProps['onToggleRow'];
}) {
  return (
    <tr style={{ height: ROW_HEIGHT }} aria-rowindex={index + 2} aria-selected={checked} className={checked ? 'selected' : undefined}>
      <td className="select-cell">
        <input
          type="checkbox"
          checked={checked}
          aria-label={`Select run ${run.name}`}
          onChange={(event) => onToggleRow(index, { shiftKey: (event.nativeEvent as MouseEvent).shiftKey ?? false })}
        />
      </td>
      <td>
        <RunStatusBadge status={run.status} />
      </td>
      <td className="truncate">
        <Link to={paths.run(run.id)}>{run.name}</Link>
      </td>
      <td className="nowrap">{formatTime(run.startTime)}</td>
      <td className="nowrap">{formatDuration(run.startTime, run.endTime)}</td>
      {columns.map((column) => {
        const value = cellValue(run, column);
        return (
          <td key={columnId(column)} className={`truncate mono ${column.kind === 'metrics' ? 'num' : ''}`} title={value}>
            {value}
          </td>
        );
      })}
    </tr>
  );
});

/**
 * The runs of a search, virtualized: only the rows in view are in the DOM, so 10,000 runs scroll smoothly.
 * Headers sort on the server (the parent turns a click into `orderBy`).
 */
export function RunsTable({ runs, columns, sort, onSort, selected, onToggleRow, onToggleAll, onNearEnd }: RunsTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const view = useWindowing(scroller, runs.length, ROW_HEIGHT);
  const allSelected = runs.length > 0 && runs.every((run) => selected.has(run.id));
  const someSelected = !allSelected && runs.some((run) => selected.has(run.id));
  const selectAll = useRef<HTMLInputElement>(null);
  const totalColumns = 5 + columns.length;

  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = someSelected;
  }, [someSelected]);

  useEffect(() => {
    if (onNearEnd && runs.length > 0 && view.end >= runs.length - 20) onNearEnd();
  }, [view.end, runs.length, onNearEnd]);

  return (
    <div className="table-scroll runs-scroll" ref={scroller} onScroll={view.onScroll} tabIndex={0} role="region" aria-label="Runs table">
      <table className="table runs-table" aria-rowcount={runs.length + 1}>
        <colgroup>
          <col style={{ width: 40 }} />
          <col style={{ width: 100 }} />
          <col style={{ width: 220 }} />
          <col style={{ width: 190 }} />
          <col style={{ width: 90 }} />
          {columns.map((column) => (
            <col key={columnId(column)} style={{ width: 130 }} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col" className="select-cell">
              <input
                ref={selectAll}
                type="checkbox"
                aria-label="Select all loaded runs"
                checked={allSelected}
                onChange={(event) => onToggleAll(event.target.checked)}
              />
            </th>
            <SortHeader label="Status" field="attributes.status" sort={sort} onSort={onSort} />
            <SortHeader label="Name" field="attributes.run_name" sort={sort} onSort={onSort} />
            <SortHeader label="Started" field="attributes.start_time" sort={sort} onSort={onSort} />
            <th scope="col">Duration</th>
            {columns.map((column) => (
              <SortHeader
                key={columnId(column)}
                label={column.key}
                title={`${KIND_LABELS[column.kind]}: ${column.key}`}
                field={sortField(column)}
                sort={sort}
                onSort={onSort}
              />
            ))}
          </tr>
        </thead>
        <tbody>
          {view.padTop > 0 ? (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={totalColumns} style={{ height: view.padTop }} />
            </tr>
          ) : null}
          {runs.slice(view.start, view.end).map((run, offset) => (
            <RunRow
              key={run.id}
              run={run}
              index={view.start + offset}
              columns={columns}
              checked={selected.has(run.id)}
              onToggleRow={onToggleRow}
            />
          ))}
          {view.padBottom > 0 ? (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={totalColumns} style={{ height: view.padBottom }} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
