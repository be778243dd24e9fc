import { Link } from 'react-router';
import { paths } from '@/shared/paths';
import { EmptyState } from '@/shared/ui/feedback';

export function NotFoundRoute() {
  return (
    <EmptyState title="No page here">
      This address is not part of Cairn&apos;s UI. Go to the <Link to={paths.projects()}>projects</Link>.
    </EmptyState>
  );
}
