// The layers of docs/architecture.md are enforced by dependency-cruiser (`npm run lint:layers`,
// part of `npm run lint`, with the rules in .dependency-cruiser.cjs). Here each rule is shown to
// fire: a small tree that breaks every one of them is cruised with the project's own config.
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { ROOT } from '../support/test-env'

const run = promisify(execFile)

/** Files of a planted tree: each import breaks the rule named beside it. */
const PLANTED: Record<string, string> = {
  'lib/db/client.ts': 'export const prisma = 1\n',
  'lib/auth/guard.ts': "import { route } from '../../app/page'\nexport const guard = route\n", // auth-below-routes
  'lib/data/outfits.ts': "import { guard } from '../auth/guard'\nexport const outfits = guard\n", // data-below-auth-and-routes
  'lib/kv/index.ts': "import { outfits } from '../data/outfits'\nexport const kv = outfits\n", // drivers-stay-drivers
  'lib/site.ts': "import { route } from '../app/page'\nexport const site = route\n", // lib-never-imports-app
  'app/page.ts': "import { prisma } from '../lib/db/client'\nexport const route = prisma\n", // database-only-through-data
  'app/admin/login/actions.ts': 'export const signOut = 1\n',
  'app/admin/_components/nav.ts': "import { signOut } from '../login/actions'\nexport const nav = signOut\n", // shared-components-not-route-actions
  'lib/a.ts': "import { b } from './b'\nexport const a = () => b\n", // no-circular
  'lib/b.ts': "import { a } from './a'\nexport const b = () => a\n",
}

let planted: string
afterAll(() => rm(planted, { recursive: true, force: true }))

describe('the layer rules', () => {
  it('each fail on a planted violation', async () => {
    planted = await mkdtemp(path.join(tmpdir(), 'lookbook-layers-'))
    for (const [file, text] of Object.entries(PLANTED)) {
      await mkdir(path.dirname(path.join(planted, file)), { recursive: true })
      await writeFile(path.join(planted, file), text)
    }
    await writeFile(path.join(planted, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true } }))
    const cruiser = path.join(ROOT, 'node_modules', '.bin', 'depcruise')
    const config = path.join(ROOT, '.dependency-cruiser.cjs')
    const answer = await run(cruiser, ['app', 'lib', '--config', config, '--output-type', 'json'], {
      cwd: planted,
    }).catch((error: { stdout: string; code: number }) => {
      expect(error.code).not.toBe(0) // a violation fails the command, and so `npm run lint`
      return error
    })
    const { summary } = JSON.parse(answer.stdout) as { summary: { violations: { rule: { name: string } }[] } }
    expect(new Set(summary.violations.map((violation) => violation.rule.name))).toEqual(
      new Set([
        'auth-below-routes',
        'data-below-auth-and-routes',
        'drivers-stay-drivers',
        'lib-never-imports-app',
        'database-only-through-data',
        'shared-components-not-route-actions',
        'no-circular',
      ]),
    )
  })
})
