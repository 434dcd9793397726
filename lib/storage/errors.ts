// The one storage failure a caller can do something about: storage cannot be reached just now (a
// refused or broken connection, a timeout, the bucket answering 5xx), or the local disk is full.
// Callers answer 503 with a Retry-After rather than a bare 500; every other storage error is a bug
// or a misconfiguration.

export class StorageUnavailable extends Error {
  constructor(
    operation: string,
    cause: unknown,
    /** The disk is full: reachable, but nothing more fits until someone frees space. */
    readonly full = false,
  ) {
    super(
      `Media storage ${full ? 'is full' : 'cannot be reached'} (${operation}): ${(cause as Error)?.message ?? String(cause)}`,
      { cause },
    )
    this.name = 'StorageUnavailable'
  }
}
