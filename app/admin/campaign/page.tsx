import type { Metadata } from 'next'
import { requireEditorPage } from '@/lib/auth/guard'
import { getCampaignReport, reportRange, type SubjectRow } from '@/lib/data/admin/campaign-report'
import { AdminNav } from '../_components/admin-nav'
import { DayChart } from './day-chart'

export const metadata: Metadata = { title: 'Campaign report' }

const share = (part: number, whole: number) => (whole === 0 ? '—' : `${((part / whole) * 100).toFixed(1)} %`)

function SubjectTable({ caption, rows, comments = true }: { caption: string; rows: SubjectRow[]; comments?: boolean }) {
  return (
    <table className="admin-table report-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Clicks to the shop</th>
          <th scope="col">Likes</th>
          {comments && <th scope="col">Comments</th>}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={comments ? 4 : 3}>Nothing in these days.</td>
          </tr>
        )}
        {rows.slice(0, 20).map((row) => (
          <tr key={row.slug}>
            <td>{row.name}</td>
            <td>{row.clickOuts}</td>
            <td>{row.likes}</td>
            {comments && <td>{row.comments}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export default async function CampaignReportPage({
  searchParams,
}: {
  searchParams: Promise<{ from?: string; to?: string }>
}) {
  const editor = await requireEditorPage('/admin/campaign')
  const asked = await searchParams
  const range = reportRange(asked)
  const report = 'error' in range ? null : await getCampaignReport(range)
  const shown = report?.range ?? reportRange({})
  const { from, to } = 'error' in shown ? { from: '', to: '' } : shown
  return (
    <>
      <AdminNav editor={editor} />
      <h1>Campaign report</h1>
      <form className="report-range" method="get">
        <label>
          From <input type="date" name="from" defaultValue={asked.from ?? from} required />
        </label>
        <label>
          To <input type="date" name="to" defaultValue={asked.to ?? to} required />
        </label>
        <button className="button" type="submit">
          Show
        </button>
        {report && <a href={`/api/admin/campaign?from=${report.range.from}&to=${report.range.to}`}>Download as CSV</a>}
      </form>
      {'error' in range && (
        <p className="form-error" role="alert">
          {range.error}
        </p>
      )}
      {report && (
        <>
          <dl className="report-totals">
            <div>
              <dt>Visits by campaign link</dt>
              <dd>{report.totals.visits}</dd>
            </div>
            <div>
              <dt>Clicks to the shop</dt>
              <dd>{report.totals.clickOuts}</dd>
            </div>
            <div>
              <dt>Likes</dt>
              <dd>{report.totals.likes}</dd>
            </div>
            <div>
              <dt>Comments</dt>
              <dd>{report.totals.comments}</dd>
            </div>
          </dl>
          <DayChart days={report.days} />
          <table className="admin-table report-table">
            <caption>By source, medium and campaign</caption>
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col">Medium</th>
                <th scope="col">Campaign</th>
                <th scope="col">Visits</th>
                <th scope="col">Clicks to the shop</th>
                <th scope="col">Visits that clicked</th>
              </tr>
            </thead>
            <tbody>
              {report.sources.length === 0 && (
                <tr>
                  <td colSpan={6}>No campaign visits or clicks in these days.</td>
                </tr>
              )}
              {report.sources.map((row) => (
                <tr key={`${row.source}/${row.medium}/${row.campaign}`}>
                  <td>{row.source || '(no campaign)'}</td>
                  <td>{row.medium || '—'}</td>
                  <td>{row.campaign || '—'}</td>
                  <td>{row.visits}</td>
                  <td>{row.clickOuts}</td>
                  <td>{row.source ? share(row.clickOuts, row.visits) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <SubjectTable caption="Outfits" rows={report.outfits} />
          <SubjectTable caption="Products" rows={report.products} comments={false} />
          <SubjectTable caption="Idols" rows={report.idols} />
          <table className="admin-table report-table">
            <caption>Per day</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Visits</th>
                <th scope="col">Clicks to the shop</th>
                <th scope="col">Likes</th>
                <th scope="col">Comments</th>
              </tr>
            </thead>
            <tbody>
              {report.days.map((day) => (
                <tr key={day.day}>
                  <td>{day.day}</td>
                  <td>{day.visits}</td>
                  <td>{day.clickOuts}</td>
                  <td>{day.likes}</td>
                  <td>{day.comments}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">
            Visits are counted when a campaign link (utm_* or fbclid) lands, a few seconds late; nothing personal is
            kept, only the sums per day.
          </p>
        </>
      )}
    </>
  )
}
