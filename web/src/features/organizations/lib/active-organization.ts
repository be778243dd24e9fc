import { useSyncExternalStore } from 'react';

/**
 * The organization the signed-in user chose to act in (sent as `Cairn-Org` on every call), kept per browser tab
 * like the session itself. Null: the credential's own organization (a personal access token has only that one).
 */
const KEY = 'cairn.organization';
const listeners = new Set<() => void>();

export const activeOrganization = {
  get(): string | null {
    return window.sessionStorage.getItem(KEY);
  },
  set(org: string | null): void {
    if (org) window.sessionStorage.setItem(KEY, org);
    else window.sessionStorage.removeItem(KEY);
    listeners.forEach((listener) => listener());
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function useActiveOrganization(): string | null {
  return useSyncExternalStore(activeOrganization.subscribe, activeOrganization.get);
}
