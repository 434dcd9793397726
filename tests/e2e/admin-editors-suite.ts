// Managing editors in the browser, on the production build: an admin adds an editor (generated
// password shown once), the editor replaces it on their Account page, the admin edits, meets a
// newer save, and disables the account, which ends its session at once. Registered from
// site.test.ts, after the access matrix, to share its server.
import { describe, expect, it } from 'vitest'
import path from 'node:path'
import { prisma } from '@/lib/db/client'
import { DEMO_EDITOR } from '@/prisma/seed'
import { browserAvailable, SCREENSHOTS, settle, type SuiteContext } from '../support/browser'
import { signIn, signInAsDemoEditor } from '../support/admin-session'

const HIRE = { email: 'new-hire@example.com', chosen: 'nia chose this one' }
const shot = (name: string) => ({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true })

export function adminEditorsSuite(context: SuiteContext) {
  describe('managing editors', () => {
    it.runIf(browserAvailable())(
      'adds an editor who replaces the generated password; edits, refuses a stale save, disables',
      { timeout: 120_000 },
      async () => {
        const { server, browser } = context()
        const admin = await browser!.newPage({ viewport: { width: 1280, height: 900 } })
        await signInAsDemoEditor(admin, server.url)
        await settle(admin, `${server.url}/admin/editors`)
        await admin.getByLabel('Email').fill('not-an-email')
        await admin.getByRole('button', { name: 'Add editor' }).click()
        await admin.getByText('Enter an email address, e.g. name@example.com.').waitFor()
        await admin.getByLabel('Email').fill(HIRE.email)
        await admin.getByLabel('Name', { exact: true }).fill('Nia New')
        await admin.getByRole('button', { name: 'Add editor' }).click()
        await admin.getByText(`${HIRE.email} was added`).waitFor()
        const generated = (await admin.getByLabel('Generated password').textContent())!
        expect(generated.length).toBeGreaterThanOrEqual(20)
        await admin.getByRole('link', { name: HIRE.email }).waitFor() // the list was refreshed
        await admin.screenshot(shot('admin-editors'))

        // The new editor signs in with it and chooses their own on the Account page.
        const hire = await browser!.newPage({ viewport: { width: 1280, height: 900 } })
        await signIn(hire, server.url, HIRE.email, generated)
        await hire.waitForURL(`${server.url}/admin`)
        expect(await hire.getByRole('link', { name: 'Editors' }).count()).toBe(0)
        await settle(hire, `${server.url}/admin/account`)
        const changePassword = async (current: string) => {
          await hire.getByLabel('Current password').fill(current)
          await hire.getByLabel('New password (at least 12 characters)').fill(HIRE.chosen)
          await hire.getByLabel('New password again').fill(HIRE.chosen)
          await hire.getByRole('button', { name: 'Change password' }).click()
        }
        await changePassword('not the generated one')
        await hire.getByText('That is not your current password.').waitFor()
        await changePassword(generated)
        await hire.getByText(/Password changed\./).waitFor()
        await hire.screenshot(shot('admin-account'))

        // The admin renames them, then meets another admin's newer save.
        const row = await prisma().editor.findUniqueOrThrow({ where: { email: HIRE.email } })
        await settle(admin, `${server.url}/admin/editors/${row.id}`)
        await admin.getByLabel('Name', { exact: true }).fill('Nia N.')
        await admin.getByRole('button', { name: 'Save', exact: true }).click()
        await admin.getByText(/^Saved\./).waitFor()
        await admin.getByRole('heading', { name: 'Nia N.' }).waitFor() // refreshed: the page holds the new version
        await prisma().editor.update({
          where: { id: row.id },
          data: { name: 'Renamed elsewhere', version: { increment: 1 } },
        })
        await admin.getByLabel('Name', { exact: true }).fill('A stale rename')
        await admin.getByRole('button', { name: 'Save', exact: true }).click()
        await admin.getByRole('region', { name: 'The other version' }).getByText('Renamed elsewhere').waitFor()
        await expect(admin.getByLabel('Name', { exact: true }).inputValue()).resolves.toBe('A stale rename') // the typing is kept
        await admin.screenshot(shot('admin-editor-conflict'))
        expect((await prisma().editor.findUniqueOrThrow({ where: { id: row.id } })).name).toBe('Renamed elsewhere')

        // Disabling ends the editor's session at once and refuses their sign-in.
        await settle(admin, `${server.url}/admin/editors/${row.id}`)
        admin.once('dialog', (dialog) => void dialog.accept())
        await admin.getByRole('button', { name: 'Disable this editor' }).click()
        await admin.getByText('Disabled: 1 open session ended; sign-in is refused.').waitFor()
        await admin.getByRole('button', { name: 'Enable this editor' }).waitFor() // the page shows the stored state
        await admin.screenshot(shot('admin-editor-disabled'))
        await hire.goto(`${server.url}/admin/outfits`)
        await hire.waitForURL(/\/admin\/login\?next=/)
        await signIn(hire, server.url, HIRE.email, HIRE.chosen)
        await hire.getByText('That email and password do not match an editor account.').waitFor()

        // On their own page, admins are offered neither disabling nor a reset.
        const self = await prisma().editor.findUniqueOrThrow({ where: { email: DEMO_EDITOR.email } })
        await settle(admin, `${server.url}/admin/editors/${self.id}`)
        await admin.getByText(/This is you/).waitFor()
        expect(await admin.getByRole('button', { name: 'Disable this editor' }).count()).toBe(0)
        await admin.screenshot(shot('admin-editor-self'))

        const audit = JSON.stringify(await prisma().auditEvent.findMany({ where: { entityType: 'Editor' } }))
        for (const secret of [generated, HIRE.chosen, 'scrypt$']) expect(audit).not.toContain(secret)
        await admin.close()
        await hire.close()
      },
    )
  })
}
