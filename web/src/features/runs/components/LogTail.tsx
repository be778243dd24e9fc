import { useEffect, useRef } from 'react';
import { formatTime } from '@/shared/lib/format';
import { ErrorMessage, Loading } from '@/shared/ui/feedback';
import { LOG_TAIL_CHUNKS, useLogTail } from '../hooks/useLogTail';

/**
 * The run's stdout and stderr as its agent shipped them: the last chunks, followed while the run is active. The
 * view stays at the bottom while the reader is there, and stays put when they scrolled up.
 */
export function LogTail({ runId, live }: { runId: string; live: boolean }) {
  const { chunks, loaded, error } = useLogTail(runId, live);
  const box = useRef<HTMLPreElement>(null);
  const pinned = useRef(true);

  useEffect(() => {
    const element = box.current;
    if (element && pinned.current) element.scrollTop = element.scrollHeight;
  }, [chunks]);

  if (!loaded) return <Loading label="Loading log…" />;
  return (
    <>
      <ErrorMessage error={error} />
      {chunks.length === 0 ? (
        <p className="muted">
          {live ? 'Nothing logged yet; output appears here as the run writes it.' : 'This run has no log output.'}
        </p>
      ) : (
        <>
          <p className="muted small">
            {chunks.length >= LOG_TAIL_CHUNKS ? `Last ${chunks.length} chunks` : `${chunks.length} chunk${chunks.length === 1 ? '' : 's'}`}
            {' · '}last written {formatTime(chunks[chunks.length - 1].time)}
            {live ? ' · following' : ''}
          </p>
          <pre
            ref={box}
            className="log-tail"
            tabIndex={0}
            aria-label="Log output"
            onScroll={(event) => {
              const element = event.currentTarget;
              pinned.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
            }}
          >
            {chunks.map((chunk) => (
              <span key={chunk.seq} className={chunk.stream === 'stderr' ? 'log-stderr' : undefined}>
                {chunk.text}
              </span>
            ))}
          </pre>
        </>
      )}
    </>
  );
}
