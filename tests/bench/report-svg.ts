// docs/bench/latest.svg: one horizontal bar per scenario (req/s), labelled with its p99, coloured
// by server. Plain SVG written by hand: a chart library would be a dependency for twenty bars.
import type { BenchReport } from './report'

const COLORS: Record<string, string> = { lookbook: '#3b6ea8', 'next-start': '#b07a3a', ceiling: '#8a8a8a' }
const ROW = 22
const LABEL_WIDTH = 290
const BAR_WIDTH = 460
const TOP = 48

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

export function barChartSvg(report: BenchReport): string {
  const rows = report.scenarios.map((s) => ({
    label: `${s.server === 'lookbook' ? '' : `${s.server}: `}${s.label}`,
    server: s.server,
    rps: s.load.requestsPerSecond,
    p99: s.load.latencyMs.p99,
    errors: s.load.errors,
  }))
  const max = Math.max(1, ...rows.map((r) => r.rps))
  const width = LABEL_WIDTH + BAR_WIDTH + 190
  const height = TOP + rows.length * ROW + 36
  const bars = rows.map((row, i) => {
    const y = TOP + i * ROW
    const w = Math.max(1, (row.rps / max) * BAR_WIDTH)
    const note = `${Math.round(row.rps)} req/s · p99 ${row.p99 >= 100 ? row.p99.toFixed(0) : row.p99.toFixed(1)} ms${row.errors ? ` · ${row.errors} errors` : ''}`
    return [
      `<text x="${LABEL_WIDTH - 8}" y="${y + 15}" text-anchor="end">${escape(row.label)}</text>`,
      `<rect x="${LABEL_WIDTH}" y="${y + 3}" width="${w.toFixed(1)}" height="${ROW - 6}" fill="${COLORS[row.server] ?? '#555'}"/>`,
      `<text x="${(LABEL_WIDTH + w + 6).toFixed(1)}" y="${y + 15}" fill="${row.errors ? '#b00020' : '#333'}">${escape(note)}</text>`,
    ].join('')
  })
  const legend = Object.entries(COLORS).map(
    ([server, color], i) =>
      `<rect x="${LABEL_WIDTH + i * 130}" y="${height - 24}" width="12" height="12" fill="${color}"/><text x="${LABEL_WIDTH + i * 130 + 18}" y="${height - 14}">${server}</text>`,
  )
  const title = `Lookbook bench ${report.startedAt.slice(0, 10)}: req/s per scenario (${report.settings.connections} connections, ${report.settings.seconds} s each${report.settings.smoke ? ', smoke' : ''})`
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">
<rect width="100%" height="100%" fill="#fff"/>
<text x="12" y="24" font-size="14" font-weight="600">${escape(title)}</text>
${bars.join('\n')}
${legend.join('\n')}
</svg>
`
}
