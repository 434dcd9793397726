// The campaign report as CSV: GET /api/admin/campaign?from=2026-11-01&to=2026-11-29 (editors only).
import type { NextRequest } from 'next/server'
import { requireEditorRequest } from '@/lib/auth/guard'
import { campaignReportCsv, reportRange } from '@/lib/data/admin/campaign-report'
import { jsonError, withOutageAnswer } from '@/lib/http/responses'

export const GET = withOutageAnswer(async (request: NextRequest) => {
  const editor = await requireEditorRequest(request)
  if (editor instanceof Response) return editor
  const range = reportRange(request.nextUrl.searchParams)
  if ('error' in range) return jsonError(400, range.error)
  return new Response(await campaignReportCsv(range), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="lookbook-campaign-${range.from}-to-${range.to}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  })
})
