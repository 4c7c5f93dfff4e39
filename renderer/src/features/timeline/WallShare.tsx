// Sharing the war-room display: a read-only link (separate token) and the wall view itself.
import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { hrefOf } from '../../router';
import { useAppStore } from '../../store/appStore';

export function WallShare({ sessionId }: { sessionId: string }) {
  const getViewerLink = useAppStore((s) => s.getViewerLink);
  const [link, setLink] = useState<{ url: string | null; note: string } | null>(null);
  const [copied, setCopied] = useState(false);
  async function open() {
    setCopied(false);
    setLink(await getViewerLink(sessionId));
  }
  return (
    <>
      <button type="button" onClick={() => void open()}>
        War-room display…
      </button>
      {link && (
        <Dialog title="War-room display" open onClose={() => setLink(null)}>
          <p>
            <a href={hrefOf({ name: 'session', sessionId, mode: 'wall' })}>Open the display in this window</a> (full screen with F11).
          </p>
          {link.url ? (
            <>
              <label>
                Read-only link
                <input readOnly value={link.url} onFocus={(e) => e.currentTarget.select()} aria-describedby="viewer-note" />
              </label>
              <button
                type="button"
                onClick={() =>
                  void navigator.clipboard?.writeText(link.url!).then(
                    () => setCopied(true),
                    () => setCopied(false),
                  )
                }
              >
                {copied ? 'Copied' : 'Copy link'}
              </button>
            </>
          ) : null}
          <p id="viewer-note" className="help">
            {link.note}
          </p>
        </Dialog>
      )}
    </>
  );
}
