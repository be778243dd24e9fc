import { useId, useState, type FormEvent } from 'react';
import { ErrorMessage, Loading } from '@/shared/ui/feedback';
import { useProfile } from '../api/get-profile';
import { useUpdateProfile } from '../api/update-profile';
import type { Profile } from '../types';

function Form({ profile }: { profile: Profile }) {
  const [displayName, setDisplayName] = useState(profile.displayName ?? '');
  const [email, setEmail] = useState(profile.email ?? '');
  const update = useUpdateProfile();
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ displayName, email });
  };
  return (
    <form className="form-grid" onSubmit={submit} aria-label="Profile">
      <div className="field">
        <span className="label">Username</span>
        <span className="mono">{profile.username}</span>
      </div>
      <div className="field grow">
        <label htmlFor={`${id}-name`}>Display name</label>
        <input id={`${id}-name`} value={displayName} onChange={(e) => setDisplayName(e.target.value)} maxLength={128} />
      </div>
      <div className="field grow">
        <label htmlFor={`${id}-email`}>E-mail</label>
        <input id={`${id}-email`} type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      </div>
      <div className="field actions">
        <button type="submit" className="button primary" disabled={update.isPending}>
          Save profile
        </button>
      </div>
      <div className="form-feedback">
        <ErrorMessage error={update.error} />
        {update.isSuccess ? (
          <p role="status" className="success-message">
            Saved.
          </p>
        ) : null}
      </div>
    </form>
  );
}

/** The caller's display name and e-mail address: personal data, kept out of the event log and erasable. */
export function ProfileForm() {
  const profile = useProfile();
  return (
    <section className="card" aria-labelledby="profile-title">
      <h2 id="profile-title">Profile</h2>
      {profile.isPending ? <Loading label="Loading profile…" /> : null}
      <ErrorMessage error={profile.error} />
      {profile.data ? <Form key={profile.data.principalId} profile={profile.data} /> : null}
    </section>
  );
}
