// Visits and clicks to the shop per day, as bars: drawn on the server as SVG, no script needed.
import type { DayRow } from '@/lib/data/admin/campaign-report'

const HEIGHT = 160
const BAR = 14

export function DayChart({ days }: { days: DayRow[] }) {
  const most = Math.max(1, ...days.map((day) => Math.max(day.visits, day.clickOuts)))
  const width = days.length * (BAR * 2 + 10) + 10
  const height = (value: number) => Math.round((value / most) * HEIGHT)
  return (
    <figure className="day-chart">
      <svg viewBox={`0 0 ${width} ${HEIGHT + 24}`} role="img" aria-labelledby="day-chart-title">
        <title id="day-chart-title">Visits by campaign link and clicks to the shop, per day</title>
        {days.map((day, index) => {
          const x = 10 + index * (BAR * 2 + 10)
          return (
            <g key={day.day}>
              <rect
                x={x}
                y={HEIGHT - height(day.visits)}
                width={BAR}
                height={height(day.visits)}
                className="bar-visits"
              >
                <title>{`${day.day}: ${day.visits} visits`}</title>
              </rect>
              <rect
                x={x + BAR}
                y={HEIGHT - height(day.clickOuts)}
                width={BAR}
                height={height(day.clickOuts)}
                className="bar-clicks"
              >
                <title>{`${day.day}: ${day.clickOuts} clicks to the shop`}</title>
              </rect>
              {(index % Math.ceil(days.length / 10) === 0 || index === days.length - 1) && (
                <text x={x} y={HEIGHT + 16} className="chart-label">
                  {day.day.slice(5)}
                </text>
              )}
            </g>
          )
        })}
      </svg>
      <figcaption>
        <span className="key key-visits" aria-hidden="true" /> Visits by campaign link ·{' '}
        <span className="key key-clicks" aria-hidden="true" /> Clicks to the shop
      </figcaption>
    </figure>
  )
}
