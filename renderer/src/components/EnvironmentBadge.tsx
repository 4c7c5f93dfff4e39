import type { Environment } from '../../../shared/log/sessionEvents';

/** PRODUCTION is solid red and impossible to miss; staging is a calm outline. */
export function EnvironmentBadge({ environment, large = false }: { environment: Environment; large?: boolean }) {
  return (
    <span className={`env-badge env-${environment}${large ? ' env-large' : ''}`} data-testid="environment-badge">
      {environment === 'production' ? 'PRODUCTION' : 'STAGING'}
    </span>
  );
}
