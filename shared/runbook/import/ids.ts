// Stable ids: a hash of what a node *is* (its kind, the id of the section or item it sits in, its
// own text) plus its ordinal among identical siblings — never its line — so editing one part of a
// runbook does not re-key the rest, and a session's ticks stay on the right items after re-import.

/** FNV-1a over UTF-16 code units with a chosen offset basis; 32-bit unsigned. */
function fnv1a(text: string, basis: number): number {
  let hash = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** 10 base-36 characters from two independent 32-bit lanes (collisions need both to collide). */
export function stableHash(text: string): string {
  const a = fnv1a(text, 0x811c9dc5).toString(36).padStart(7, '0');
  const b = fnv1a(text, 0x01234567).toString(36).padStart(7, '0');
  return a.slice(-5) + b.slice(-5);
}

export type IdPrefix = 'sec' | 'ci' | 'st' | 'ms' | 'gt' | 'th' | 'lv' | 'ro' | 'ref';

export class IdFactory {
  private readonly ordinals = new Map<string, number>();
  private readonly used = new Set<string>();

  /**
   * `scope` is the id of the enclosing node ('' at the top), `own` the node's identifying text.
   * The n-th node with the same prefix, scope and own text gets ordinal n.
   */
  make(prefix: IdPrefix, scope: string, own: string): string {
    const key = `${prefix}\u0000${scope}\u0000${own.trim().toLowerCase()}`;
    const ordinal = this.ordinals.get(key) ?? 0;
    this.ordinals.set(key, ordinal + 1);
    let id = `${prefix}_${stableHash(`${key}\u0000${ordinal}`)}`;
    // A true hash collision is astronomically rare; keep ids unique anyway, deterministically.
    for (let n = 2; this.used.has(id); n++) id = `${prefix}_${stableHash(`${key}\u0000${ordinal}\u0000${n}`)}`;
    this.used.add(id);
    return id;
  }
}
