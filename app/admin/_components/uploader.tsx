'use client'
// Drop images here (or choose them): each goes straight to storage in three steps — ask for an
// upload ticket, PUT the bytes where it says (the S3 bucket, or our local route), then ask the
// server to check and record it. See lib/media/uploads.ts.
import { useRouter } from 'next/navigation'
import { useRef, useState, type DragEvent } from 'react'
import type { MediaChoice } from '@/lib/data/admin/media'
import { fetchJson } from '@/app/_components/fetch-json'

type Row = { name: string; state: 'uploading' | 'done' | 'failed'; message?: string; percent?: number }

/** PUTs the file with progress reports (fetch cannot report an upload's progress); resolves with the status. */
function put(
  url: string,
  headers: Record<string, string>,
  file: File,
  onProgress: (percent: number) => void,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest()
    request.open('PUT', url)
    for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value)
    request.upload.onprogress = (event) =>
      event.lengthComputable && onProgress(Math.round((event.loaded / event.total) * 100))
    request.onload = () => resolve({ status: request.status, body: request.responseText })
    request.onerror = () => reject(new Error('The connection broke off during the upload. Please try again.'))
    request.send(file)
  })
}

/** Our local upload route answers with a JSON message; S3 with XML, which says nothing to an editor. */
const putError = ({ body, status }: { body: string; status: number }) => {
  try {
    return (JSON.parse(body) as { error?: string }).error ?? `Storage refused the file (${status}).`
  } catch {
    return `Storage refused the file (${status}).`
  }
}

async function uploadOne(file: File, onProgress: (percent: number) => void): Promise<MediaChoice> {
  const ticket = await fetchJson<{ uploadId: string; url: string; headers: Record<string, string> }>(
    '/api/admin/uploads',
    {
      method: 'POST',
      body: JSON.stringify({ name: file.name, type: file.type, bytes: file.size }),
    },
  )
  const sent = await put(ticket.url, ticket.headers, file, onProgress)
  // A refused PUT is reported by the next step too, but its own answer says more.
  if (sent.status < 200 || sent.status >= 300) throw new Error(putError(sent))
  return (
    await fetchJson<{ media: MediaChoice }>(`/api/admin/uploads/${ticket.uploadId}/complete`, {
      method: 'POST',
      body: '{}',
    })
  ).media
}

export function Uploader({
  label = 'Upload images',
  onUploaded,
}: {
  label?: string
  onUploaded?: (media: MediaChoice) => void
}) {
  const router = useRouter()
  const input = useRef<HTMLInputElement>(null)
  const [rows, setRows] = useState<Row[]>([])
  const [over, setOver] = useState(false)

  async function upload(files: File[]) {
    if (files.length === 0) return
    setRows((current) => [...files.map((file) => ({ name: file.name, state: 'uploading' as const })), ...current])
    const update = (name: string, row: Partial<Row>) =>
      setRows((current) => current.map((r) => (r.name === name && r.state === 'uploading' ? { ...r, ...row } : r)))
    for (const file of files) {
      try {
        const media = await uploadOne(file, (percent) => update(file.name, { percent }))
        update(file.name, { state: 'done', message: `${media.width}×${media.height}` })
        onUploaded?.(media)
      } catch (error) {
        update(file.name, { state: 'failed', message: (error as Error).message })
      }
    }
    router.refresh()
  }

  function drop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault()
    setOver(false)
    void upload([...event.dataTransfer.files])
  }

  return (
    <section className="uploader" aria-label={label}>
      <div
        className={`drop-zone${over ? ' over' : ''}`}
        onDragOver={(event) => {
          event.preventDefault()
          setOver(true)
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
      >
        <p>
          <strong>Drop images here</strong> or{' '}
          <button type="button" className="link-button" onClick={() => input.current?.click()}>
            choose files
          </button>
        </p>
        <p className="muted">JPEG, PNG, WebP or AVIF.</p>
        <input
          ref={input}
          type="file"
          accept="image/jpeg,image/png,image/webp,image/avif"
          multiple
          hidden
          aria-label={`${label}: choose files`}
          onChange={(event) => {
            void upload([...(event.target.files ?? [])])
            event.target.value = ''
          }}
        />
      </div>
      {rows.length > 0 && (
        <ul className="upload-rows" aria-live="polite">
          {rows.map((row, index) => (
            <li key={`${row.name}-${index}`} className={row.state}>
              <span>{row.name}:</span>{' '}
              <span role={row.state === 'failed' ? 'alert' : undefined}>
                {row.state === 'uploading'
                  ? `Uploading… ${row.percent ?? 0}%`
                  : row.state === 'done'
                    ? `Uploaded (${row.message})`
                    : row.message}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
