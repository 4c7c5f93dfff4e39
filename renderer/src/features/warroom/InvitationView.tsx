// One seat's invitation: the link as text (to paste in a chat), as a QR code (for a phone or a
// laptop camera), and the certificate fingerprint to compare before accepting the browser's warning.
import { useState } from 'react';
import type { Invitation } from '../../../../shared/api/warRoom';
import { QrCode } from './QrCode';

export function InvitationView({ invitation, onClose }: { invitation: Invitation; onClose: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <section className="invitation" aria-label={`Invitation for ${invitation.name}`}>
      <h3>
        Invitation for {invitation.name} <span className="muted">({invitation.roles.join(', ')})</span>
      </h3>
      {invitation.url ? (
        <div className="invitation-body">
          <div>
            <label>
              Seat link
              <input readOnly value={invitation.url} onFocus={(e) => e.currentTarget.select()} className="mono" />
            </label>
            <button
              type="button"
              onClick={() =>
                void navigator.clipboard?.writeText(invitation.url!).then(
                  () => setCopied(true),
                  () => setCopied(false),
                )
              }
            >
              {copied ? 'Copied' : 'Copy link'}
            </button>
            {invitation.certificateFingerprint && (
              <p>
                Certificate SHA-256 fingerprint: <code className="mono fingerprint">{invitation.certificateFingerprint}</code>
              </p>
            )}
          </div>
          {invitation.qr && <QrCode qr={invitation.qr} label={`QR code of ${invitation.name}'s link`} />}
        </div>
      ) : null}
      <p className="help">{invitation.note}</p>
      <button type="button" onClick={onClose}>
        Hide invitation
      </button>
    </section>
  );
}
