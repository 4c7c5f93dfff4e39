// Pre-flight "Check hosts": a fresh key exchange with every host, then each check (reachability,
// host key, auth, sudo -n, clock skew, free disk) as ok / warn / fail — or unknown for a key
// nobody trusted yet, listed below for trusting in one go. The last check is read from the log, so
// everyone sees it and it survives a reload. At fleet size the table renders only what is on screen.
import { useRef } from 'react';
import { formatUtc } from '../../format';
import { useAppStore } from '../../store/appStore';
import { AcceptNewSwitch, HostKeyTrust } from './HostKeyTrust';
import { useWindowedTable, WINDOW_ROW_PX } from './useWindowedTable';

const MARK = { ok: '✓', warn: '!', fail: '✗', skipped: '–', unknown: '?' } as const;

export function HostChecks({ hosts, readOnly }: { hosts: string[]; readOnly: boolean }) {
  const lastCheck = useAppStore((s) => s.current?.state.steps.lastCheck ?? null);
  const checking = useAppStore((s) => s.checkingHosts);
  const checkHosts = useAppStore((s) => s.checkHosts);
  const columns = lastCheck ? [...new Set(lastCheck.results.flatMap((r) => r.checks.map((c) => c.name)))] : [];
  const results = lastCheck?.results ?? [];
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const table = useWindowedTable(scrollRef, results.length);

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
      <AcceptNewSwitch readOnly={readOnly} />
      {!lastCheck ? (
        <p className="muted">Not checked yet in this session.</p>
      ) : (
        <>
          <p className="muted">
            Last checked <span className="mono">{formatUtc(lastCheck.at)}</span>
          </p>
          <div className={table.windowed ? 'table-scroll windowed-table' : 'table-scroll'} ref={scrollRef} onScroll={table.onScroll}>
            <table className="checks-table" aria-label="Host check results" aria-rowcount={results.length + 1}>
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
                {table.topPx > 0 && (
                  <tr className="spacer" aria-hidden="true">
                    <td colSpan={columns.length + 2} style={{ height: table.topPx }} />
                  </tr>
                )}
                {results.slice(table.start, table.end).map((result, offset) => (
                  <tr
                    key={result.host}
                    aria-rowindex={table.start + offset + 2}
                    className={table.windowed ? 'windowed-row' : undefined}
                    style={table.windowed ? { height: WINDOW_ROW_PX } : undefined}
                  >
                    <th scope="row" className="mono">
                      {result.host}
                    </th>
                    <td>
                      {result.ok ? (
                        <span className="check check-ok">✓ ok</span>
                      ) : result.checks.some((c) => c.status === 'fail') ? (
                        <span className="check check-fail">✗ not ready</span>
                      ) : (
                        <span className="check check-unknown">? key unknown</span>
                      )}
                    </td>
                    {columns.map((name) => {
                      const check = result.checks.find((c) => c.name === name);
                      return (
                        <td key={name} title={table.windowed && check ? check.message : undefined}>
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
                {table.bottomPx > 0 && (
                  <tr className="spacer" aria-hidden="true">
                    <td colSpan={columns.length + 2} style={{ height: table.bottomPx }} />
                  </tr>
                )}
              </tbody>
            </table>
          </div>
          <HostKeyTrust readOnly={readOnly} />
        </>
      )}
    </section>
  );
}
