// Editors' passwords, sign-in and sessions.
import { describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db/client'
import { hashPassword, verifyPassword, passwordProblem } from '@/lib/crypto/password'
import { LOGIN_FAILED, signIn } from '@/lib/auth/sign-in'
import { upsertEditor } from '@/lib/data/admin/editor-accounts'
import {
  createSession,
  findSession,
  revokeEditorSessions,
  revokeSession,
  SESSION_IDLE_MS,
} from '@/lib/data/admin/sessions'
import { useFreshDatabase } from '../support/database'

useFreshDatabase()
let n = 0
const email = () => `editor${++n}-${process.pid}@example.com`

describe('passwords', () => {
  it('hashes with scrypt and a salt, and verifies', async () => {
    const a = await hashPassword('a long enough password')
    const b = await hashPassword('a long enough password')
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/)
    expect(a).not.toBe(b)
    expect(await verifyPassword('a long enough password', a)).toBe(true)
    expect(await verifyPassword('a long enough passworD', a)).toBe(false)
    expect(await verifyPassword('anything', 'not-a-hash')).toBe(false)
    expect(passwordProblem('short')).toMatch(/12 characters/)
  })
})

describe('signing in', () => {
  it('signs in with the right password and gives the same answer for every failure', async () => {
    const address = email()
    await upsertEditor({ email: address, password: 'correct horse battery', role: 'EDITOR' })
    const ok = await signIn({ email: address, password: 'correct horse battery' }, { ip: '203.0.113.1' })
    expect(ok.ok).toBe(true)
    const wrong = await signIn({ email: address, password: 'wrong password here' }, { ip: '203.0.113.1' })
    const unknown = await signIn({ email: `nobody-${address}`, password: 'wrong password here' }, { ip: '203.0.113.1' })
    expect(wrong).toEqual({ ok: false, error: LOGIN_FAILED })
    expect(unknown).toEqual({ ok: false, error: LOGIN_FAILED })
    expect(await prisma().auditEvent.count({ where: { action: 'editor.sign-in' } })).toBeGreaterThan(0)
  })

  it('limits attempts per account, even with the right password afterwards', async () => {
    const address = email()
    await upsertEditor({ email: address, password: 'correct horse battery', role: 'EDITOR' })
    for (let i = 0; i < 5; i++)
      await signIn({ email: address, password: `guess number ${i}` }, { ip: `198.51.100.${i}` })
    const blocked = await signIn({ email: address, password: 'correct horse battery' }, { ip: '198.51.100.99' })
    expect(blocked).toMatchObject({ ok: false, error: expect.stringMatching(/Too many sign-in attempts/) })
  })

  it('starts an account afresh after a successful sign-in', async () => {
    const address = email()
    await upsertEditor({ email: address, password: 'correct horse battery', role: 'EDITOR' })
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 3; i++) await signIn({ email: address, password: `typo ${i}` }, { ip: `192.0.2.${round}` })
      expect((await signIn({ email: address, password: 'correct horse battery' }, { ip: `192.0.2.${round}` })).ok).toBe(
        true,
      )
    }
  })

  it('refuses a disabled editor', async () => {
    const address = email()
    const editor = await upsertEditor({ email: address, password: 'correct horse battery', role: 'EDITOR' })
    await prisma().editor.update({ where: { id: editor.id }, data: { disabledAt: new Date() } })
    expect((await signIn({ email: address, password: 'correct horse battery' }, { ip: '203.0.113.2' })).ok).toBe(false)
  })
})

describe('sessions', () => {
  it('keeps only a hash of the token, and ends on revoke, expiry, idleness and disabling', async () => {
    const editor = await upsertEditor({ email: email(), password: 'correct horse battery', role: 'ADMIN' })
    const { token } = await createSession(editor.id)
    expect(await prisma().session.count({ where: { tokenHash: token } })).toBe(0)
    expect(await findSession(token)).toMatchObject({ id: editor.id, role: 'ADMIN' })
    expect(await findSession('forged-token')).toBeNull()

    await revokeSession(token)
    expect(await findSession(token)).toBeNull()

    const expired = await createSession(editor.id)
    await prisma().session.updateMany({
      where: { editorId: editor.id, revokedAt: null },
      data: { expiresAt: new Date(Date.now() - 1000) },
    })
    expect(await findSession(expired.token)).toBeNull()

    const idle = await createSession(editor.id)
    await prisma().session.updateMany({
      where: { editorId: editor.id, revokedAt: null },
      data: { lastSeenAt: new Date(Date.now() - SESSION_IDLE_MS - 1000) },
    })
    expect(await findSession(idle.token)).toBeNull()

    const live = await createSession(editor.id)
    await prisma().editor.update({ where: { id: editor.id }, data: { disabledAt: new Date() } })
    expect(await findSession(live.token)).toBeNull()
    await revokeEditorSessions(editor.id)
    expect(await prisma().session.count({ where: { editorId: editor.id, revokedAt: null } })).toBe(0)
  })
})
