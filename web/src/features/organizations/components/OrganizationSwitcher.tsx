import { useEffect, useId } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { ApiError } from '@/shared/api/client';
import { paths } from '@/shared/paths';
import { useMe } from '../api/get-me';
import { activeOrganization } from '../lib/active-organization';

/**
 * The organization the UI acts in. Someone signed in through the browser who belongs to several organizations picks
 * one here; every later call carries it (`Cairn-Org`), cached data of the previous one is dropped and the UI goes
 * back to the projects list (the ids on screen belonged to the other organization). A personal access token belongs
 * to one organization only, so the switcher just names it then.
 */
export function OrganizationSwitcher({ tokenBound }: { tokenBound: boolean }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const id = useId();

  // The chosen organization is gone (left it, or removed): fall back to the credential's own.
  useEffect(() => {
    if (me.error instanceof ApiError && me.error.status === 404 && activeOrganization.get()) activeOrganization.set(null);
  }, [me.error]);

  if (!me.data) return null;
  const { organization, organizations } = me.data;
  const current = organizations.find((o) => o.id === organization);
  if (tokenBound || organizations.length < 2) {
    return (
      <span className="org-name" title={`Organization ${organization}`}>
        {current?.name ?? organization}
      </span>
    );
  }
  const choose = (org: string) => {
    activeOrganization.set(org);
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'organizations' || query.queryKey[1] !== 'me' });
    navigate(paths.projects());
  };
  return (
    <span className="org-switcher">
      <label htmlFor={id} className="visually-hidden">
        Organization
      </label>
      <select id={id} value={organization} onChange={(e) => choose(e.target.value)}>
        {organizations.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name} ({o.role.toLowerCase()})
          </option>
        ))}
      </select>
    </span>
  );
}
