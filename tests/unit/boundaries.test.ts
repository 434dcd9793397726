// The boundaries of docs/architecture.md: routes in app/ call lib/data; only lib/data (and the seed and CLI) query
// the database. A route that imports the database client directly fails here.
import { describe, expect, it } from 'vitest'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { ROOT } from '../support/test-env'

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const nested = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? sources(path.join(dir, entry.name)) : [path.join(dir, entry.name)])),
  )
  return nested.flat().filter((file) => /\.tsx?$/.test(file))
}

describe('boundaries', () => {
  it('app/ never imports the database layer', async () => {
    const offenders = []
    for (const file of await sources(path.join(ROOT, 'app'))) {
      if (/from '@\/lib\/db\/(client|generated)/.test(await readFile(file, 'utf8')))
        offenders.push(path.relative(ROOT, file))
    }
    expect(offenders).toEqual([])
  })
})
