// The renders of each page under way in this process, and which of them began before the last
// invalidation. Next hands a request for a page it is already rendering that render's answer,
// however long ago the render began: after an editor's save, a render begun before it may have
// read the data the save replaced, and a request made after the save would get (and the front
// cache would keep) the old page. So an invalidation marks the renders under way as old, and a
// request for the same page waits until the old ones have ended before it reaches Next; by then
// their pages are stored dated from before the invalidation (lib/cache/cache-handler.js), and
// Next renders afresh.

export class RendersUnderWay {
  /**
   * @param atMostMs how long a render counts as under way at most: longer than a render takes
   *   even under load, so that a request whose answer never ends cannot hold up its page. (Next's
   *   handler sometimes never settles for a request a browser gave up on: seen in the e2e tests.)
   */
  constructor(private readonly atMostMs = 10_000) {}

  /** Renders begun since the last invalidation, by path (each settles when its render ends). */
  private readonly current = new Map<string, Set<Promise<void>>>()
  /** Per path, settles when the renders begun before the last invalidation have all ended (never rejects). */
  private readonly old = new Map<string, Promise<void>>()

  /**
   * Runs `render` (a request for `url` handed to Next) once the old renders of its page have
   * ended, and notes it as under way until it settles.
   */
  run<T>(url: string, render: () => Promise<T>): Promise<T> {
    const path = pathOf(url)
    const older = this.old.get(path)
    const running = older ? older.then(render) : render()
    // Counted from when the render begins, not from when it began to wait.
    const underWay = older
      ? older.then(() => endedOrTooLong(running, this.atMostMs))
      : endedOrTooLong(running, this.atMostMs)
    let renders = this.current.get(path)
    if (!renders) this.current.set(path, (renders = new Set()))
    renders.add(underWay)
    void underWay.then(() => {
      renders.delete(underWay)
      if (renders.size === 0 && this.current.get(path) === renders) this.current.delete(path)
    })
    return running
  }

  /** After an invalidation: every render under way is old from now on. */
  markOld(): void {
    for (const [path, renders] of this.current) {
      const earlier = this.old.get(path)
      const ended: Promise<void> = Promise.all(earlier ? [earlier, ...renders] : [...renders]).then(() => {
        if (this.old.get(path) === ended) this.old.delete(path)
      })
      this.old.set(path, ended)
    }
    this.current.clear()
  }
}

/** Settles when `running` does, or after `atMostMs`, whichever comes first. */
function endedOrTooLong(running: Promise<unknown>, atMostMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, atMostMs)
    timer.unref()
    const ended = () => {
      clearTimeout(timer)
      resolve()
    }
    running.then(ended, ended)
  })
}

/**
 * Next renders a page once for all its query strings (a Facebook visitor's `?fbclid=…`) and router
 * headers: they wait together. Images and API answers depend on their query, and Next renders
 * each on its own: keyed whole, so that one does not wait for another's.
 */
function pathOf(url: string): string {
  const query = url.indexOf('?')
  if (query === -1 || url.startsWith('/_next/') || url.startsWith('/api/')) return url
  return url.slice(0, query)
}
