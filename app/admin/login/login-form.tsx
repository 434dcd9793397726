'use client'
import { useActionState } from 'react'
import { FormOutcome } from '../_components/form-outcome'
import { signInAction, type LoginState } from './actions'

export function LoginForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState<LoginState, FormData>(signInAction, {})
  return (
    <form action={action} className="admin-form narrow" noValidate>
      <input type="hidden" name="next" value={next} />
      <label>
        Email
        <input
          name="email"
          type="email"
          autoComplete="username"
          defaultValue={state.email}
          required
          aria-invalid={Boolean(state.fields?.email)}
        />
      </label>
      {state.fields?.email && <p className="field-error">{state.fields.email}</p>}
      <label>
        Password
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={Boolean(state.fields?.password)}
        />
      </label>
      {state.fields?.password && <p className="field-error">{state.fields.password}</p>}
      <FormOutcome state={state} pending={pending} submit="Sign in" pendingLabel="Signing in…" />
    </form>
  )
}
