import type { Metadata } from 'next'
import { requireEditorPage } from '@/lib/auth/guard'
import { listFeedRuns, type FeedRunRow } from '@/lib/data/admin/feed-runs'
import { settings } from '@/lib/env'
import { shownSource } from '@/lib/feed/source'
import { AdminNav } from '../_components/admin-nav'
import { AdminTable } from '../_components/admin-table'
import { When } from '../_components/when'
import { SyncForm } from './sync-form'

export const metadata: Metadata = { title: 'Product feed' }

const STATUS: Record<FeedRunRow['status'], string> = {
  RUNNING: 'Running',
  SUCCEEDED: 'Done',
  REFUSED: 'Refused',
  FAILED: 'Failed',
  INTERRUPTED: 'Interrupted',
}

export default async function FeedPage() {
  const editor = await requireEditorPage('/admin/feed', 'ADMIN')
  const feedUrl = settings().FEED_URL
  const runs = await listFeedRuns()
  return (
    <>
      <AdminNav editor={editor} />
      <h1>Product feed</h1>
      <p>
        {feedUrl ? (
          <>
            Products, prices and stock come from <code>{shownSource(feedUrl)}</code>. The feed owns everything but a
            name or description an editor changed.
          </>
        ) : (
          <>FEED_URL is not set: there is no feed to sync. Whoever runs the site sets it.</>
        )}
      </p>
      <SyncForm disabled={!feedUrl} />
      <h2>Last runs</h2>
      <AdminTable
        rows={runs}
        empty="No sync has run yet."
        rowClass={(run) => (run.status === 'SUCCEEDED' ? undefined : 'row-attention')}
        columns={[
          { header: 'Started', cell: (run) => <When iso={run.startedAt} /> },
          { header: 'By', cell: (run) => run.startedBy },
          {
            header: 'Outcome',
            cell: (run) => (
              <>
                <strong>{STATUS[run.status]}</strong>
                {run.forced && ' (forced)'}
                {run.seconds !== null && <span className="muted"> in {run.seconds.toFixed(1)} s</span>}
                {run.message && <p className="feed-run-message">{run.message}</p>}
              </>
            ),
          },
          { header: 'Listed', cell: (run) => run.listed },
          { header: 'Created', cell: (run) => run.created },
          { header: 'Updated', cell: (run) => run.updated },
          { header: 'Unchanged', cell: (run) => run.unchanged },
          { header: 'Deactivated', cell: (run) => run.deactivated },
          { header: 'Rejected', cell: (run) => <Rejected run={run} /> },
          { header: 'Images', cell: (run) => <Images run={run} /> },
        ]}
      />
    </>
  )
}

function Rejected({ run }: { run: FeedRunRow }) {
  if (run.rejected === 0) return 0
  return (
    <details className="feed-rejected">
      <summary>{run.rejected}</summary>
      <ul>
        {run.rejectedRows.map((row) => (
          <li key={row.where}>
            {row.where}
            {row.sku && <> ({row.sku})</>}: {row.reason}
          </li>
        ))}
        {run.rejected > run.rejectedRows.length && <li>… and {run.rejected - run.rejectedRows.length} more</li>}
      </ul>
    </details>
  )
}

/** Products whose pictures the run stored, those left for the next run, and images it could not use. */
function Images({ run }: { run: FeedRunRow }) {
  const waiting = run.imagesWaiting > 0 && <span className="muted"> ({run.imagesWaiting} waiting)</span>
  if (run.imageProblems.length === 0)
    return (
      <>
        {run.imagesStored}
        {waiting}
      </>
    )
  return (
    <details className="feed-rejected">
      <summary>
        {run.imagesStored}
        {waiting} · {run.imageProblems.length} {run.imageProblems.length === 1 ? 'picture' : 'pictures'} not used
      </summary>
      <ul>
        {run.imageProblems.map((problem) => (
          <li key={`${problem.sku} ${problem.url}`}>
            {problem.sku} <code>{problem.url}</code>: {problem.reason}
          </li>
        ))}
      </ul>
    </details>
  )
}
