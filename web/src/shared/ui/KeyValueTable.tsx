import type { ReactNode } from 'react';

/** A two-column table of keys and values (params, tags, …) sorted by key, with an empty-state line. */
export function KeyValueTable({
  caption,
  entries,
  empty,
  render = (value) => value,
}: {
  caption: string;
  entries: Record<string, string>;
  empty: ReactNode;
  render?: (value: string, key: string) => ReactNode;
}) {
  const keys = Object.keys(entries).sort();
  if (keys.length === 0) return <p className="muted">{empty}</p>;
  return (
    <table className="table kv-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Key</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => (
          <tr key={key}>
            <th scope="row" className="mono">
              {key}
            </th>
            <td className="mono wrap">{render(entries[key], key)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
