// The renders of each page under way in this process, and which of them began before the last
// invalidation. Next hands a request for a page it is already rendering that render's answer,
// however long ago the render began: after an editor's save, a render begun before it may have
// read the data the save replaced, and a request made after the save would get (and the front
// cache would keep) the old page. So an invalidation marks the renders under way as old, and a
// request for the same page waits until the old ones have ended before it reaches Next; by then
// their pages are stored dated from before the invalidation (lib/cache/cache-handler.js), and
// Next renders afresh.

export class RendersUnderWay {
  /** Renders begun since the last invalidation, by path. */
  private readonly current = new Map<string, Set<Promise<unknown>>>()
  /** Per path, settles when the renders begun before the last invalidation have all ended. */
  private readonly old = new Map<string, Promise<void>>()

  /**
   * Runs `render` (a request for `url` handed to Next) once the old renders of its page have
   * ended, and notes it as under way until it settles.
   */
  run<T>(url: string, render: () => Promise<T>): Promise<T> {
    const path = pathOf(url)
    const older = this.old.get(path)
    const running = older ? older.then(render) : render()
    let renders = this.current.get(path)
    if (!renders) this.current.set(path, (renders = new Set()))
    renders.add(running)
    const forget = () => {
      renders.delete(running)
      if (renders.size === 0 && this.current.get(path) === renders) this.current.delete(path)
    }
    running.then(forget, forget)
    return running
  }

  /** After an invalidation: every render under way is old from now on. */
  markOld(): void {
    for (const [path, renders] of this.current) {
      const earlier = this.old.get(path)
      const ended: Promise<void> = Promise.allSettled(earlier ? [earlier, ...renders] : [...renders]).then(() => {
        if (this.old.get(path) === ended) this.old.delete(path)
      })
      this.old.set(path, ended)
    }
    this.current.clear()
  }
}

/** Next renders a page once for all its query strings and router headers: they wait together. */
function pathOf(url: string): string {
  const query = url.indexOf('?')
  return query === -1 ? url : url.slice(0, query)
}
