// The stored version shown next to a refused save: what someone else saved since the form opened.
import { Fragment } from 'react'
import type { ConflictView } from '@/lib/data/admin/editing'
import { When } from './when'

const shown = (value: ConflictView['values'][string] | undefined) =>
  value === true
    ? 'yes'
    : value === false
      ? 'no'
      : value === null || value === undefined || value === ''
        ? '—'
        : String(value)

/** `labels` names the summary's fields to show, in order. */
export function ConflictBox({ conflict, labels }: { conflict: ConflictView; labels: Record<string, string> }) {
  return (
    <div className="conflict" role="region" aria-label="The other version">
      <p>
        Saved by someone else at <When iso={conflict.updatedAt} /> (version {conflict.version}):
      </p>
      <dl>
        {Object.entries(labels).map(([key, label]) => (
          <Fragment key={key}>
            <dt>{label}</dt>
            <dd>{shown(conflict.values[key])}</dd>
          </Fragment>
        ))}
      </dl>
    </div>
  )
}
