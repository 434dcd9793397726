// Route segment configs must be literal numbers, so pages repeat the policy's values. Each such
// page names the policy entry it follows in a comment; this test holds them to it.
import { describe, expect, it } from 'vitest'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { REVALIDATE_SECONDS } from '@/lib/cache/policy'
import { ROOT } from '../support/test-env'

async function routeFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) return routeFiles(full)
      return /^(page|route|layout)\.tsx?$/.test(entry.name) ? [full] : []
    }),
  )
  return nested.flat()
}

describe('cache policy', () => {
  it('every revalidate in app/ follows the entry of lib/cache/policy.ts it names', async () => {
    const files = await routeFiles(path.join(ROOT, 'app'))
    const checked: string[] = []
    for (const file of files) {
      const source = await readFile(file, 'utf8')
      const match = source.match(/REVALIDATE_SECONDS\.(\w+)[^\n]*\n\s*export const revalidate = (\d+)/)
      const declares = /export const revalidate =/.test(source)
      if (!declares) continue
      const relative = path.relative(ROOT, file)
      expect(match, `${relative} must say which REVALIDATE_SECONDS entry its revalidate follows`).not.toBeNull()
      const [, entry, seconds] = match!
      expect(REVALIDATE_SECONDS, relative).toHaveProperty(entry!)
      expect(Number(seconds), relative).toBe(REVALIDATE_SECONDS[entry as keyof typeof REVALIDATE_SECONDS])
      checked.push(relative)
    }
    expect(checked).toContain('app/landing/[edition]/page.tsx')
  })

  it('keeps the numbers of docs/architecture.md', () => {
    expect(REVALIDATE_SECONDS).toEqual({ products: 10, facets: 3600, editorial: 300, reactions: 3 })
  })
})
