/** A moment as the admin shows it everywhere: "27/11/2026, 03:23:22", machine-readable too. */
export function When({ iso }: { iso: string }) {
  return <time dateTime={iso}>{new Date(iso).toLocaleString('en-GB')}</time>
}
