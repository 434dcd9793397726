import type { ReactNode } from 'react'

export type Column<Row> = { header: string; cell: (row: Row) => ReactNode }

/** The admin's lists: one row per record, one cell per column. */
export function AdminTable<Row extends { id: string }>({
  rows,
  columns,
  empty,
  rowClass,
}: {
  rows: Row[]
  columns: Column<Row>[]
  empty: string
  rowClass?: (row: Row) => string | undefined
}) {
  if (rows.length === 0) return <p className="empty">{empty}</p>
  return (
    <table className="admin-table">
      <thead>
        <tr>
          {columns.map((column) => (
            <th scope="col" key={column.header}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} className={rowClass?.(row)}>
            {columns.map((column) => (
              <td key={column.header}>{column.cell(row)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** A small thumbnail for a list row. */
export function Thumb({ image }: { image: { url: string; width: number; height: number } | null }) {
  return image ? (
    // eslint-disable-next-line @next/next/no-img-element -- small admin thumbnails, no optimisation needed
    <img className="admin-thumb" src={image.url} alt="" width={image.width} height={image.height} loading="lazy" />
  ) : null
}
