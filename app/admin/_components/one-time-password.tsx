// A generated password, shown to the admin once (it lives only in this answer): they pass it on,
// and the editor replaces it on their Account page.
export function OneTimePassword({ password }: { password: string }) {
  return (
    <div className="one-time-password" role="status">
      <p>Their password, shown only this once: copy it now and pass it on safely.</p>
      <code aria-label="Generated password">{password}</code>
    </div>
  )
}
