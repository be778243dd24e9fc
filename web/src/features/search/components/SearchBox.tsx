import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '@/shared/ui/feedback';
import { paths } from '@/shared/paths';
import { useSearchPreview } from '../api/search';
import { useDebouncedValue } from '../hooks/useDebouncedValue';
import { groupByKind, KIND_LABELS, resultPath } from '../lib/results';
import type { SearchResult } from '../types';
import { ResultContext, ResultName } from './ResultText';

/** How long typing must pause before the box asks the server. */
export const SEARCH_DEBOUNCE_MS = 250;

type Option = { kind: 'result'; result: SearchResult; path: string } | { kind: 'all'; path: string };

/**
 * The header's global search: a combobox (ARIA 1.2 pattern) whose listbox shows the best hits grouped by kind.
 * Arrow keys move through the options, Enter opens the active one (or the results page when none is active),
 * Escape closes the list (and clears the box when it is already closed).
 */
export function SearchBox() {
  const id = useId();
  const listId = `${id}-list`;
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const input = useRef<HTMLInputElement>(null);
  const q = useDebouncedValue(text.trim(), SEARCH_DEBOUNCE_MS);
  const preview = useSearchPreview(q);
  const groups = useMemo(() => groupByKind(preview.data?.results ?? []), [preview.data]);

  const options: Option[] = useMemo(() => {
    const list: Option[] = groups.flatMap((group) =>
      group.results.map((result) => ({ kind: 'result' as const, result, path: resultPath(result) })),
    );
    if (q) list.push({ kind: 'all', path: `${paths.search(q)}` });
    return list;
  }, [groups, q]);

  useEffect(() => setActive(-1), [q]);

  const expanded = open && text.trim() !== '' && q !== '';
  const optionId = (index: number) => `${id}-option-${index}`;

  const go = (path: string) => {
    setOpen(false);
    setActive(-1);
    input.current?.blur();
    navigate(path);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        setOpen(true);
        if (options.length) setActive((index) => (index + 1) % options.length);
        break;
      case 'ArrowUp':
        event.preventDefault();
        setOpen(true);
        if (options.length) setActive((index) => (index <= 0 ? options.length - 1 : index - 1));
        break;
      case 'Enter':
        event.preventDefault();
        if (expanded && active >= 0 && options[active]) go(options[active].path);
        else if (text.trim()) go(paths.search(text.trim()));
        break;
      case 'Escape':
        event.preventDefault();
        if (expanded) {
          setOpen(false);
          setActive(-1);
        } else {
          setText('');
        }
        break;
      default:
        break;
    }
  };

  let index = -1;
  const renderOption = (option: Option, content: ReactNode) => {
    index += 1;
    const mine = index;
    return (
      <li
        key={option.kind === 'all' ? 'all' : `${option.result.kind}-${option.result.id}`}
        id={optionId(mine)}
        role="option"
        aria-selected={mine === active}
        className={`search-option${mine === active ? ' active' : ''}${option.kind === 'all' ? ' search-all' : ''}`}
        onMouseDown={(event) => event.preventDefault()}
        onMouseMove={() => setActive(mine)}
        onClick={() => go(option.path)}
      >
        {content}
      </li>
    );
  };

  return (
    <div className="search-box">
      <label htmlFor={`${id}-input`} className="visually-hidden">
        Search projects, runs, datasets and models
      </label>
      <input
        ref={input}
        id={`${id}-input`}
        type="search"
        role="combobox"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder="Search…"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <div className="search-popup popover" hidden={!expanded}>
        {preview.isError ? (
          <p className="error-message" role="alert">
            {errorMessage(preview.error)}
          </p>
        ) : null}
        {preview.isSuccess && groups.length === 0 && !preview.isPlaceholderData ? (
          <p className="muted small" role="status">
            Nothing matches “{q}”.
          </p>
        ) : null}
        <ul id={listId} role="listbox" aria-label="Search results" className="search-list">
          {groups.map((group) => (
            <li key={group.kind} role="presentation">
              <ul role="group" aria-labelledby={`${id}-${group.kind}`} className="search-group">
                <li role="presentation" id={`${id}-${group.kind}`} className="search-group-title">
                  {KIND_LABELS[group.kind]}
                </li>
                {group.results.map((result) =>
                  renderOption(
                    { kind: 'result', result, path: resultPath(result) },
                    <>
                      <span className="search-name">
                        <ResultName result={result} />
                      </span>
                      <span className="search-context muted small">
                        <ResultContext result={result} />
                      </span>
                    </>,
                  ),
                )}
              </ul>
            </li>
          ))}
          {q ? renderOption({ kind: 'all', path: paths.search(q) }, <>See all results for “{q}”</>) : null}
        </ul>
      </div>
    </div>
  );
}
