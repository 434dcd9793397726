// Wraps a data read in Next's data cache with tags and a revalidate time from the policy.
// Outside a Next server (scripts, tests) there is no data cache: the read runs directly.
import { unstable_cache } from 'next/cache'
import { REVALIDATE_SECONDS } from './policy'

type Kind = keyof typeof REVALIDATE_SECONDS

export function cached<Args extends unknown[], Result>(
  name: string,
  kind: Kind,
  tags: (...args: NoInfer<Args>) => string[],
  read: (...args: Args) => Promise<Result>,
): (...args: Args) => Promise<Result> {
  if (!process.env.NEXT_RUNTIME) return read
  return (...args: Args) =>
    unstable_cache(() => read(...args), [name, JSON.stringify(args)], {
      tags: tags(...args),
      revalidate: REVALIDATE_SECONDS[kind],
    })()
}
