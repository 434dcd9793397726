'use client'
import { useActionState } from 'react'
import { FormOutcome } from '../_components/form-outcome'
import { changeOwnPasswordAction, type OwnPasswordState } from './actions'

// Passwords are never given back after a refusal: the editor types them again.
export function PasswordForm({ email }: { email: string }) {
  const [state, action, pending] = useActionState<OwnPasswordState, FormData>(changeOwnPasswordAction, {})
  const field = (name: 'current' | 'password' | 'repeat', label: string, autoComplete: string) => (
    <>
      <label>
        {label}
        <input
          name={name}
          type="password"
          autoComplete={autoComplete}
          maxLength={200}
          required
          aria-invalid={Boolean(state.fields?.[name])}
        />
      </label>
      {state.fields?.[name] && <p className="field-error">{state.fields[name]}</p>}
    </>
  )
  return (
    <form action={action} className="admin-form narrow" noValidate aria-labelledby="password-heading">
      <h2 id="password-heading">Change your password</h2>
      {/* Lets password managers file the new password under the right account. */}
      <input type="email" hidden readOnly autoComplete="username" value={email} />
      {field('current', 'Current password', 'current-password')}
      {field('password', 'New password (at least 12 characters)', 'new-password')}
      {field('repeat', 'New password again', 'new-password')}
      <FormOutcome state={state} pending={pending} submit="Change password" pendingLabel="Changing…" />
    </form>
  )
}
