// How db:backup and db:restore describe a backup to the operator.
import type { BackupManifest } from '@/lib/db/backup/manifest'

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** "12 tables, 3,456 rows, 25 migrations, 210 media objects listed" */
export function summaryLine(manifest: BackupManifest): string {
  const tables = Object.entries(manifest.tables).filter(([name]) => name !== '_prisma_migrations')
  const rows = tables.reduce((sum, [, table]) => sum + table.rows, 0)
  return [
    `${tables.length} tables`,
    `${rows.toLocaleString('en')} rows`,
    `${manifest.migrations.length} migrations`,
    `${manifest.media.length} media objects listed`,
  ].join(', ')
}
