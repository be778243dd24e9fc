import { paths } from '@/shared/paths';

/** Only same-origin paths may be a destination after sign-in. */
export function safeNext(next: string | null | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : paths.projects();
}
