/** Tags shown as small `key: value` chips. */
export function Tags({ tags }: { tags: Record<string, string> }) {
  const keys = Object.keys(tags ?? {}).sort();
  if (keys.length === 0) return null;
  return (
    <ul className="chips" aria-label="Tags">
      {keys.map((key) => (
        <li key={key} className="chip">
          <span className="chip-key">{key}</span>
          {tags[key] ? <span className="chip-value">{tags[key]}</span> : null}
        </li>
      ))}
    </ul>
  );
}
