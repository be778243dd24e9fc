import { useCallback, useMemo, useState } from 'react';
import { columnId, defaultColumns, parseColumnId, type KeyColumn, type KeyKind } from '../lib/columns';

function storageKey(projectId: string) {
  return `cairn.runColumns.${projectId}`;
}

function load(projectId: string): string[] | null {
  try {
    const raw = window.localStorage.getItem(storageKey(projectId));
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : null;
  } catch {
    return null;
  }
}

/** The key columns shown in a project's runs table, remembered per project in this browser. */
export function useColumnChoice(projectId: string, keys: Record<KeyKind, string[]>) {
  const [chosen, setChosen] = useState<string[] | null>(() => load(projectId));

  const columns: KeyColumn[] = useMemo(
    () => (chosen ? chosen.map(parseColumnId).filter((c): c is KeyColumn => c !== null) : defaultColumns(keys)),
    [chosen, keys],
  );

  const toggle = useCallback(
    (column: KeyColumn) => {
      const current = columns.map(columnId);
      const id = columnId(column);
      const next = current.includes(id) ? current.filter((c) => c !== id) : [...current, id];
      setChosen(next);
      try {
        window.localStorage.setItem(storageKey(projectId), JSON.stringify(next));
      } catch {
        // storage unavailable: the choice lasts for this page only
      }
    },
    [columns, projectId],
  );

  return { columns, toggle };
}
