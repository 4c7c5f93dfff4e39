/**
 * A data directory or database that cannot be used as it is. The message is one line meant for
 * the person starting the console; the file is never modified when this is thrown.
 */
export class StoreError extends Error {
  constructor(
    readonly kind: 'not-writable' | 'not-sqlite' | 'foreign' | 'newer-schema' | 'corrupt' | 'locked' | 'migration-changed',
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
