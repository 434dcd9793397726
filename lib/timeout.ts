/**
 * What `work` gives, or a rejection saying `message` once it has taken longer than `ms`. The work
 * itself goes on (a promise cannot be stopped); only the wait for it ends.
 */
export function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms)
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}
