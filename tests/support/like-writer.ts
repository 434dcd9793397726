// A process that writes through the app's own database layer, for the single-owner tests:
//   tsx tests/support/like-writer.ts <label> <count>
// Prints "role owner|client" once and "ok <i>" after each committed write. A write that fails
// because the owner vanished is retried (as a visitor would); one that turns out to be committed
// already (unique key) counts as done.
import { prisma } from '@/lib/db/client'
import { ownsEmbeddedDatabase } from '@/lib/db/embedded/owner'
import { settings } from '@/lib/env'
import { runCli } from '@/lib/cli/run'

const [label = 'writer', countText = '50'] = process.argv.slice(2)
const count = Number(countText)

await runCli('like-writer', async () => {
  for (let i = 0; i < count; i++) {
    for (let attempt = 1; ; attempt++) {
      try {
        await prisma().$transaction(async (tx) => {
          await tx.like.create({ data: { targetType: 'OUTFIT', targetId: label, visitorId: `${label}-${i}` } })
          await tx.$executeRaw`SELECT pg_sleep(0.002)`
        })
        break
      } catch (error) {
        if ((error as { code?: string }).code === 'P2002') break // committed before the owner went away
        if (attempt >= 20) throw error
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt))
      }
    }
    if (i === 0) console.log(`role ${ownsEmbeddedDatabase(settings().DATA_DIR) ? 'owner' : 'client'}`)
    console.log(`ok ${i}`)
  }
})
