'use server'
import { editorForAction } from '@/lib/auth/guard'
import { FeedSyncBusy, syncFeedFrom } from '@/lib/data/feed-sync'
import { settings } from '@/lib/env'
import { followFeedRunWithoutWatcher } from '@/lib/cache/invalidate'

export type FeedSyncState = { message?: string; error?: string }

/** An admin starts a sync of FEED_URL, forced or not, and waits for its outcome. */
export async function syncFeedAction(_previous: FeedSyncState, form: FormData): Promise<FeedSyncState> {
  const admin = await editorForAction('ADMIN')
  if ('error' in admin) return { error: admin.error }
  if (!(form instanceof FormData)) return { error: 'Invalid request.' }
  const { FEED_URL } = settings()
  if (!FEED_URL) return { error: 'FEED_URL is not set: there is no feed to sync. Whoever runs the site sets it.' }
  try {
    const report = await syncFeedFrom(FEED_URL, { startedBy: admin.email, force: form.get('force') === 'yes' })
    if (report.status === 'SUCCEEDED') await followFeedRunWithoutWatcher(report.changes)
    if (report.status !== 'SUCCEEDED') return { error: report.message }
    const { created, updated, unchanged, deactivated, rejected } = report
    return {
      message: `Synced: ${created} created, ${updated} updated, ${unchanged} unchanged, ${deactivated} deactivated, ${rejected} rejected. The public pages show it within seconds.`,
    }
  } catch (error) {
    if (error instanceof FeedSyncBusy) return { error: error.message }
    throw error
  }
}
