// A QR code drawn from the console's module rows (0/1 strings) as SVG: no image URL, nothing the
// page's strict content policy would have to allow. Dark modules on a light quiet zone, as scanners expect.
import type { Invitation } from '../../../../shared/api/warRoom';

const QUIET = 4;

export function QrCode({ qr, label }: { qr: NonNullable<Invitation['qr']>; label: string }) {
  const span = qr.size + QUIET * 2;
  const path = qr.rows
    .flatMap((row, y) => [...row].map((bit, x) => (bit === '1' ? `M${x + QUIET} ${y + QUIET}h1v1h-1z` : '')))
    .join('');
  return (
    <svg className="qr-code" role="img" aria-label={label} viewBox={`0 0 ${span} ${span}`} shapeRendering="crispEdges">
      <rect width={span} height={span} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
