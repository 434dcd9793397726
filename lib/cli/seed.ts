// npm run db:seed — writes the demo campaign (idempotent: a second run changes nothing).
import { prisma } from '@/lib/db/client'
import { mediaStorage } from '@/lib/storage'
import { seedDemoData } from '@/prisma/seed'
import { settings, withoutServerSettings } from '@/lib/env'
import { runCli, UsageError } from './run'

// Not the server: runs in production without HASH_SALT, SERVER_ACTIONS_SECRET or SITE_URL.
withoutServerSettings()

void runCli('db:seed', async () => {
  if (settings().NODE_ENV === 'production' && !process.argv.includes('--force')) {
    throw new UsageError('refusing to write demo data with NODE_ENV=production (pass --force if you really mean it).')
  }
  const report = await seedDemoData(prisma(), mediaStorage(), (line) => console.log(line))
  console.log(
    'database now holds:',
    Object.entries(report)
      .map(([what, n]) => `${n} ${what}`)
      .join(', '),
  )
})
