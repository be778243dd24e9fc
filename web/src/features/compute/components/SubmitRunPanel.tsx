import { useId, useState } from 'react';
import { SubmitRunForm, type RenderInputsPicker } from './SubmitRunForm';

/** A project's "Submit run" button, opening the submission form in place; `renderInputs` picks input dataset versions. */
export function SubmitRunPanel({ projectId, renderInputs }: { projectId: string; renderInputs: RenderInputsPicker }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <section className="card" aria-label="Submit run">
      <button type="button" className="button" aria-expanded={open} aria-controls={`${id}-form`} onClick={() => setOpen((o) => !o)}>
        {open ? 'Close the submission form' : 'Submit run'}
      </button>
      <div id={`${id}-form`} hidden={!open}>
        {open ? <SubmitRunForm projectId={projectId} renderInputs={renderInputs} /> : null}
      </div>
    </section>
  );
}
