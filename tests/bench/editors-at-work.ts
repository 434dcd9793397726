// Editors at work while the load runs (the launch-day scenarios): each saves one of a few outfits
// after every pause (two to four seconds unless the scenario says) through the admin's own save
// action, as its form posts it. Every save
// invalidates the pages that show the outfit, so the figures show what editing costs shoppers.
// Saves that meet another editor's newer version are refused (and counted): as on launch day.
import { prisma } from '@/lib/db/client'
import { actionForm, actionIdOf, formStateOf, OUTFIT_SAVE_ACTION, unchangedOutfitFields } from '../support/action-form'
import { sessionCookieFor } from '../support/admin-session'

export type EditingSummary = { saved: number; conflicts: number; failed: number; p99Ms: number }
type SaveState = { message?: string; error?: string; conflict?: unknown }

const EDITED_OUTFITS = 3

export async function startEditors(
  baseUrl: string,
  editors: number,
  pauseMs: readonly [number, number] = [2_000, 4_000],
): Promise<{ stop: () => Promise<EditingSummary> }> {
  const actionId = await actionIdOf(...OUTFIT_SAVE_ACTION)
  const cookies = await Promise.all(
    Array.from({ length: editors }, (_, n) => sessionCookieFor(`bench-editor-${n}@example.com`, 'EDITOR')),
  )
  const outfits = await prisma().outfit.findMany({
    where: { published: true },
    orderBy: { slug: 'asc' },
    take: EDITED_OUTFITS,
    select: { id: true },
  })
  const summary = { saved: 0, conflicts: 0, failed: 0 }
  const latencies: number[] = []
  let running = true

  async function saveOnce(cookie: string, outfitId: string) {
    const row = await prisma().outfit.findUniqueOrThrow({ where: { id: outfitId } })
    const form = actionForm(actionId, baseUrl, cookie, {
      ...unchangedOutfitFields(row),
      version: String(row.version),
      title: `Launch look ${Math.floor(Math.random() * 1e6)}`,
      description: row.description,
    })
    const started = performance.now()
    const answer = await fetch(`${baseUrl}/admin/outfits/${row.id}`, { method: 'POST', ...form })
    const state = formStateOf<SaveState>(await answer.text())
    latencies.push(performance.now() - started)
    if (state?.message) summary.saved += 1
    else if (state?.conflict)
      summary.conflicts += 1 // another editor saved it in between
    else summary.failed += 1
  }

  // Each saves at once (a smoke run lasts two seconds), then after each pause.
  const [shortest, longest] = pauseMs
  const loops = cookies.map(async (cookie, n) => {
    while (running) {
      await saveOnce(cookie, outfits[n % outfits.length]!.id).catch(() => (summary.failed += 1))
      await new Promise((resolve) => setTimeout(resolve, shortest + Math.random() * (longest - shortest)))
    }
  })
  return {
    async stop() {
      running = false
      await Promise.all(loops)
      const sorted = latencies.sort((a, b) => a - b)
      const p99Ms = Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0)
      return { ...summary, p99Ms }
    },
  }
}
