// The one storage failure a caller can do something about: storage cannot be reached just now (a
// refused or broken connection, a timeout, the bucket answering 5xx). Callers answer 503 with a
// Retry-After rather than a bare 500; every other storage error is a bug or a misconfiguration.

export class StorageUnavailable extends Error {
  constructor(operation: string, cause: unknown) {
    super(`Media storage cannot be reached (${operation}): ${(cause as Error)?.message ?? String(cause)}`, { cause })
    this.name = 'StorageUnavailable'
  }
}
