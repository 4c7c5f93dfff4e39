// Pre-flight "Check hosts": connects to every host and reports each check (reachability, host
// key, auth, sudo -n, clock skew, free disk) as ok / warn / fail. The last check is read from the
// log, so everyone sees it and it survives a reload.
import { formatUtc } from '../../format';
import { useAppStore } from '../../store/appStore';

const MARK = { ok: '✓', warn: '!', fail: '✗', skipped: '–' } as const;

export function HostChecks({ hosts, readOnly }: { hosts: string[]; readOnly: boolean }) {
  const lastCheck = useAppStore((s) => s.current?.state.steps.lastCheck ?? null);
  const checking = useAppStore((s) => s.checkingHosts);
  const checkHosts = useAppStore((s) => s.checkHosts);
  const columns = lastCheck ? [...new Set(lastCheck.results.flatMap((r) => r.checks.map((c) => c.name)))] : [];

  return (
    <section className="panel host-checks" aria-label="Host checks" aria-busy={checking}>
      <header className="panel-head">
        <h2>Pre-flight</h2>
        {!readOnly && (
          <button type="button" className="primary" onClick={() => void checkHosts()} disabled={checking || hosts.length === 0}>
            {checking ? 'Checking hosts…' : 'Check hosts'}
          </button>
        )}
      </header>
      {!lastCheck ? (
        <p className="muted">Not checked yet in this session.</p>
      ) : (
        <>
          <p className="muted">
            Last checked <span className="mono">{formatUtc(lastCheck.at)}</span>
          </p>
          <div className="table-scroll">
            <table className="checks-table" aria-label="Host check results">
              <thead>
                <tr>
                  <th scope="col">Host</th>
                  <th scope="col">Overall</th>
                  {columns.map((name) => (
                    <th key={name} scope="col">
                      {name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {lastCheck.results.map((result) => (
                  <tr key={result.host}>
                    <th scope="row" className="mono">
                      {result.host}
                    </th>
                    <td>{result.ok ? <span className="check check-ok">✓ ok</span> : <span className="check check-fail">✗ not ready</span>}</td>
                    {columns.map((name) => {
                      const check = result.checks.find((c) => c.name === name);
                      return (
                        <td key={name}>
                          {check ? (
                            <span className={`check check-${check.status}`}>
                              <span className="check-status">
                                <span aria-hidden="true">{MARK[check.status]} </span>
                                {check.status}
                              </span>
                              <span className="check-message">{check.message}</span>
                            </span>
                          ) : (
                            <span className="muted">—</span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
