// Admins managing editors: validation, version conflicts, the self and last-admin guards, access
// ending at once on disable or password reset, and audit rows that never hold a secret.
import { beforeAll, describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db/client'
import { changeOwnPassword, ownPasswordSchema } from '@/lib/auth/own-password'
import { signIn } from '@/lib/auth/sign-in'
import { COMMAND_LINE, upsertEditor } from '@/lib/data/admin/editor-accounts'
import { listAuditEvents } from '@/lib/data/admin/audit'
import { createSession, findSession, type SignedInEditor } from '@/lib/data/admin/sessions'
import {
  createEditor,
  LAST_ADMIN_REFUSED,
  OWN_PASSWORD_REFUSED,
  SELF_REFUSED,
  editorChangesSchema,
  getEditorForAdmins,
  listEditorsForAdmins,
  newEditorSchema,
  passwordResetSchema,
  resetEditorPassword,
  setEditorDisabled,
  updateEditor,
} from '@/lib/data/admin/editors'
import { useFreshDatabase } from '../support/database'

useFreshDatabase()
const PASSWORD = 'correct horse battery'
let n = 0
const address = () => `managed${++n}-${process.pid}@example.com`
const signedIn = (
  row: { id: string; email: string; name: string; role: 'ADMIN' | 'EDITOR' },
  sessionId = 'test',
): SignedInEditor => ({ id: row.id, email: row.email, name: row.name, role: row.role, sessionId })
const newEditor = (overrides: Record<string, unknown> = {}) =>
  newEditorSchema.parse({ email: address(), name: 'New Editor', role: 'EDITOR', password: PASSWORD, ...overrides })
const signsIn = async (email: string, password: string) =>
  (await signIn({ email, password }, { ip: `203.0.113.${++n % 250}` })).ok
const auditOf = (entityId: string) =>
  prisma().auditEvent.findMany({ where: { entityId, action: { startsWith: 'editor.' } }, orderBy: { at: 'asc' } })

let admin: SignedInEditor
beforeAll(async () => {
  admin = signedIn(
    await upsertEditor({
      email: `admin-${process.pid}@example.com`,
      password: PASSWORD,
      role: 'ADMIN',
      name: 'Ada Admin',
    }),
  )
})

describe('creating editors', () => {
  it('creates with a chosen password, or generates one shown once; refuses a taken email', async () => {
    const chosen = await createEditor(newEditor({ email: 'Chosen@Example.com' }), admin)
    expect(chosen).toMatchObject({ ok: true })
    expect(chosen).not.toHaveProperty('generatedPassword')
    expect(await signsIn('chosen@example.com', PASSWORD)).toBe(true)

    const generated = await createEditor(newEditor({ password: '', role: 'ADMIN' }), admin)
    if (!generated.ok) throw new Error('not created')
    expect(generated.generatedPassword).toMatch(/^[\w-]{20,}$/)
    const row = await prisma().editor.findUniqueOrThrow({ where: { id: generated.id } })
    expect(row.role).toBe('ADMIN')
    expect(await signsIn(row.email, generated.generatedPassword!)).toBe(true)

    expect(await createEditor(newEditor({ email: ' CHOSEN@example.com ' }), admin)).toEqual({
      ok: false,
      reason: 'invalid',
      fields: { email: 'An editor with this email already exists.' },
    })
    expect(await prisma().editor.count({ where: { email: 'chosen@example.com' } })).toBe(1)
    const [event] = await auditOf(generated.id)
    expect(event).toMatchObject({
      editorId: admin.id,
      action: 'editor.create',
      after: { email: row.email, name: 'New Editor', role: 'admin', access: 'enabled' },
    })
  })

  it('validates every field with a message', () => {
    const result = newEditorSchema.safeParse({
      email: 'not an email',
      name: 'x'.repeat(101),
      role: 'OWNER',
      password: 'short',
    })
    const messages = Object.fromEntries(result.error!.issues.map((issue) => [issue.path[0], issue.message]))
    expect(messages).toEqual({
      email: expect.stringMatching(/email address/),
      name: expect.stringMatching(/100/),
      role: 'Choose admin or editor.',
      password: expect.stringMatching(/12 characters/),
    })
    expect(editorChangesSchema.safeParse({ id: 'x', version: 'one', name: '', role: 'EDITOR' }).success).toBe(false)
  })
})

describe('changing editors', () => {
  it('changes name and role, bumps the version and audits before and after', async () => {
    const created = await createEditor(newEditor(), admin)
    if (!created.ok) throw new Error('not created')
    expect(await updateEditor({ id: created.id, version: 1, name: 'Promoted', role: 'ADMIN' }, admin)).toMatchObject({
      ok: true,
      version: 2,
    })
    expect(await getEditorForAdmins(created.id)).toMatchObject({
      name: 'Promoted',
      role: 'ADMIN',
      version: 2,
      disabled: false,
    })
    expect((await auditOf(created.id)).at(-1)).toMatchObject({
      action: 'editor.update',
      before: { name: 'New Editor', role: 'editor' },
      after: { name: 'Promoted', role: 'admin' },
    })
  })

  it('refuses a stale version with the current one, writing nothing', async () => {
    const created = await createEditor(newEditor(), admin)
    if (!created.ok) throw new Error('not created')
    await updateEditor({ id: created.id, version: 1, name: 'First admin', role: 'EDITOR' }, admin)
    const late = await updateEditor({ id: created.id, version: 1, name: 'Second admin', role: 'ADMIN' }, admin)
    expect(late).toMatchObject({
      ok: false,
      reason: 'conflict',
      current: { id: created.id, version: 2, values: { name: 'First admin', role: 'editor', access: 'enabled' } },
    })
    expect(await setEditorDisabled({ id: created.id, version: 1, disabled: true }, admin)).toMatchObject({
      ok: false,
      reason: 'conflict',
    })
    expect(
      await resetEditorPassword({ id: created.id, version: 1, password: 'a brand new password' }, admin),
    ).toMatchObject({ ok: false, reason: 'conflict' })
    expect(await prisma().editor.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({
      name: 'First admin',
      role: 'EDITOR',
      disabledAt: null,
      version: 2,
    })
    expect(
      await signsIn((await prisma().editor.findUniqueOrThrow({ where: { id: created.id } })).email, PASSWORD),
    ).toBe(true)
    expect((await auditOf(created.id)).map((event) => event.action)).toEqual([
      'editor.create',
      'editor.update',
      'editor.sign-in',
    ])
    expect(await updateEditor({ id: 'no-such-editor', version: 1, name: '', role: 'EDITOR' }, admin)).toEqual({
      ok: false,
      reason: 'missing',
    })
  })

  it('refuses an admin demoting or disabling themself, or resetting their own password here', async () => {
    const self = await prisma().editor.findUniqueOrThrow({ where: { id: admin.id } })
    expect(await updateEditor({ id: self.id, version: self.version, name: 'Still me', role: 'EDITOR' }, admin)).toEqual(
      { ok: false, reason: 'blocked', message: SELF_REFUSED },
    )
    expect(await setEditorDisabled({ id: self.id, version: self.version, disabled: true }, admin)).toEqual({
      ok: false,
      reason: 'blocked',
      message: SELF_REFUSED,
    })
    expect(await resetEditorPassword({ id: self.id, version: self.version, password: undefined }, admin)).toEqual({
      ok: false,
      reason: 'blocked',
      message: OWN_PASSWORD_REFUSED,
    })
    expect(await prisma().editor.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({
      role: 'ADMIN',
      disabledAt: null,
      version: self.version,
    })
    // Renaming oneself is fine.
    expect(
      await updateEditor({ id: self.id, version: self.version, name: 'Ada A.', role: 'ADMIN' }, admin),
    ).toMatchObject({ ok: true })
  })
})

describe('ending access', () => {
  it('disabling revokes every session and blocks sign-in; re-enabling lets the editor back in', async () => {
    const email = address()
    const created = await createEditor(
      newEditorSchema.parse({ email, name: '', role: 'EDITOR', password: PASSWORD }),
      admin,
    )
    if (!created.ok) throw new Error('not created')
    const sessions = [await createSession(created.id), await createSession(created.id)]
    expect(await findSession(sessions[0]!.token)).not.toBeNull()

    expect(await setEditorDisabled({ id: created.id, version: 1, disabled: true }, admin)).toMatchObject({
      ok: true,
      version: 2,
      sessionsRevoked: 2,
    })
    for (const session of sessions) expect(await findSession(session.token)).toBeNull()
    expect(await prisma().session.count({ where: { editorId: created.id, revokedAt: null } })).toBe(0)
    expect(await signsIn(email, PASSWORD)).toBe(false)
    expect((await listEditorsForAdmins()).find((row) => row.id === created.id)).toMatchObject({
      disabled: true,
      version: 2,
    })

    expect(await setEditorDisabled({ id: created.id, version: 2, disabled: false }, admin)).toMatchObject({
      ok: true,
      version: 3,
    })
    expect(await signsIn(email, PASSWORD)).toBe(true)
    expect((await listEditorsForAdmins()).find((row) => row.id === created.id)?.lastSignInAt).toEqual(
      expect.any(String),
    )
    const changes = (await auditOf(created.id)).filter((event) => event.action !== 'editor.sign-in')
    expect(changes.slice(1).map((event) => [event.action, event.after])).toEqual([
      ['editor.disable', expect.objectContaining({ access: 'disabled', sessionsRevoked: 2 })],
      ['editor.enable', expect.objectContaining({ access: 'enabled' })],
    ])
  })

  it('a password reset revokes the sessions; the old password stops working', async () => {
    const email = address()
    const created = await createEditor(
      newEditorSchema.parse({ email, name: '', role: 'EDITOR', password: PASSWORD }),
      admin,
    )
    if (!created.ok) throw new Error('not created')
    const session = await createSession(created.id)
    const reset = await resetEditorPassword(
      passwordResetSchema.parse({ id: created.id, version: 1, password: '' }),
      admin,
    )
    expect(reset).toMatchObject({ ok: true, version: 2, sessionsRevoked: 1, generatedPassword: expect.any(String) })
    expect(await findSession(session.token)).toBeNull()
    expect(await signsIn(email, PASSWORD)).toBe(false)
    expect(await signsIn(email, (reset as { generatedPassword: string }).generatedPassword)).toBe(true)
    expect(
      passwordResetSchema.safeParse({ id: created.id, version: 2, password: 'too short' }).error?.issues[0]?.message,
    ).toMatch(/12 characters/)
  })

  it('editors change their own password with the current one; their other sessions end, this one stays', async () => {
    const email = address()
    const row = await upsertEditor({ email, password: PASSWORD, role: 'EDITOR' })
    const [here, elsewhere] = [await createSession(row.id), await createSession(row.id)]
    const me = (await findSession(here.token))!
    const input = (overrides: Record<string, string> = {}) =>
      ownPasswordSchema.parse({
        current: PASSWORD,
        password: 'my own new password',
        repeat: 'my own new password',
        ...overrides,
      })

    expect(await changeOwnPassword(input({ current: 'not my password' }), me)).toEqual({
      ok: false,
      reason: 'wrong-password',
    })
    expect(await changeOwnPassword(input(), me)).toEqual({ ok: true, sessionsRevoked: 1 })
    expect(await findSession(here.token)).toMatchObject({ id: row.id })
    expect(await findSession(elsewhere.token)).toBeNull()
    expect(await signsIn(email, 'my own new password')).toBe(true)
    expect(await signsIn(email, PASSWORD)).toBe(false)

    const mismatch = ownPasswordSchema.safeParse({
      current: 'my own new password',
      password: 'another password!',
      repeat: 'another password?',
    })
    expect(mismatch.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([
      ['repeat', 'The two new passwords differ.'],
    ])
    expect(
      ownPasswordSchema.safeParse({
        current: 'same password here',
        password: 'same password here',
        repeat: 'same password here',
      }).error?.issues[0]?.path,
    ).toEqual(['password'])
  })

  it('admin:create records who created or reset an account; a reset ends its sessions and enables it', async () => {
    const email = address()
    const row = await upsertEditor({ email, password: PASSWORD, role: 'EDITOR' })
    const session = await createSession(row.id)
    const reset = await upsertEditor({ email, password: 'a brand new password', role: 'ADMIN' })
    expect(reset).toMatchObject({ id: row.id, role: 'ADMIN' })
    expect(await findSession(session.token)).toBeNull()
    await setEditorDisabled({ id: row.id, version: reset.version, disabled: true }, admin)
    expect(await upsertEditor({ email, password: 'a third new password', role: 'ADMIN' })).toMatchObject({
      disabledAt: null,
    })
    expect(await signsIn(email, 'a third new password')).toBe(true)

    const byCommand = (await auditOf(row.id)).filter((event) => event.editorId === null)
    const after = (role: string, sessionsRevoked: number) => ({
      email,
      role,
      disabled: false,
      sessionsRevoked,
      by: COMMAND_LINE,
    })
    expect(byCommand.map((event) => [event.action, event.before, event.after])).toEqual([
      ['editor.create', null, { email, role: 'EDITOR', disabled: false, by: COMMAND_LINE }],
      ['editor.password-reset', { role: 'EDITOR', disabled: false }, after('ADMIN', 1)],
      ['editor.password-reset', { role: 'ADMIN', disabled: true }, after('ADMIN', 0)],
    ])
    const { events } = await listAuditEvents({ entity: 'Editor' })
    expect(events.filter((event) => event.entityId === row.id && event.who === COMMAND_LINE)).toHaveLength(3)
    expect(JSON.stringify(byCommand)).not.toContain('new password')
  })

  it('limits guesses of the current password', async () => {
    const row = await upsertEditor({ email: address(), password: PASSWORD, role: 'EDITOR' })
    const me = (await findSession((await createSession(row.id)).token))!
    const wrong = ownPasswordSchema.parse({
      current: 'guess guess guess',
      password: 'my own new password',
      repeat: 'my own new password',
    })
    for (let i = 0; i < 5; i++) expect(await changeOwnPassword(wrong, me)).toMatchObject({ reason: 'wrong-password' })
    expect(await changeOwnPassword({ ...wrong, current: PASSWORD }, me)).toEqual({ ok: false, reason: 'rate-limited' })
  })
})

describe('keeping an admin', () => {
  it('refuses to demote or disable the last enabled admin, even for an admin whose session is stale', async () => {
    // Leave exactly one enabled admin besides a stale one: `other` was demoted after it signed in.
    const otherRow = await upsertEditor({ email: address(), password: PASSWORD, role: 'ADMIN' })
    const other = signedIn(otherRow)
    await prisma().editor.updateMany({ where: { role: 'ADMIN', id: { not: admin.id } }, data: { role: 'EDITOR' } })
    const self = await prisma().editor.findUniqueOrThrow({ where: { id: admin.id } })
    expect(await updateEditor({ id: admin.id, version: self.version, name: self.name, role: 'EDITOR' }, other)).toEqual(
      { ok: false, reason: 'blocked', message: LAST_ADMIN_REFUSED },
    )
    expect(await setEditorDisabled({ id: admin.id, version: self.version, disabled: true }, other)).toEqual({
      ok: false,
      reason: 'blocked',
      message: LAST_ADMIN_REFUSED,
    })
    expect(await prisma().editor.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({
      role: 'ADMIN',
      disabledAt: null,
      version: self.version,
    })
  })

  it('lets only one of two admins demoting each other at the same time succeed', async () => {
    const b = signedIn(await upsertEditor({ email: address(), password: PASSWORD, role: 'ADMIN' }))
    const [rowA, rowB] = await Promise.all([
      prisma().editor.findUniqueOrThrow({ where: { id: admin.id } }),
      prisma().editor.findUniqueOrThrow({ where: { id: b.id } }),
    ])
    const results = await Promise.all([
      updateEditor({ id: b.id, version: rowB.version, name: rowB.name, role: 'EDITOR' }, admin),
      updateEditor({ id: admin.id, version: rowA.version, name: rowA.name, role: 'EDITOR' }, b),
    ])
    expect(results.filter((result) => result.ok)).toHaveLength(1)
    expect(await prisma().editor.count({ where: { role: 'ADMIN', disabledAt: null } })).toBe(1)
  })
})

describe('the audit log', () => {
  it('never holds a password or a password hash', async () => {
    const hashes = (await prisma().editor.findMany({ select: { passwordHash: true } })).map((row) => row.passwordHash)
    const events = await prisma().auditEvent.findMany({
      where: { entityType: 'Editor', action: { startsWith: 'editor.' } },
    })
    expect(new Set(events.map((event) => event.action))).toEqual(
      new Set([
        'editor.create',
        'editor.update',
        'editor.disable',
        'editor.enable',
        'editor.password-reset',
        'editor.password-change',
        'editor.sign-in',
      ]),
    )
    const text = JSON.stringify(events)
    for (const secret of [PASSWORD, 'my own new password', 'scrypt$', ...hashes]) expect(text).not.toContain(secret)
    const generated = (await prisma().auditEvent.findFirstOrThrow({ where: { action: 'editor.password-reset' } })).after
    expect(generated).toMatchObject({ newPassword: 'generated', sessionsRevoked: 1 })
  })
})
