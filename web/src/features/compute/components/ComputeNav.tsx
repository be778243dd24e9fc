import { NavLink } from 'react-router';
import { paths } from '@/shared/paths';

/** Targets and agents, the two halves of the compute pages. */
export function ComputeNav() {
  return (
    <nav className="section-nav" aria-label="Compute">
      <NavLink to={paths.computeTargets()} end>
        Targets
      </NavLink>
      <NavLink to={paths.computeAgents()}>Agents</NavLink>
    </nav>
  );
}
