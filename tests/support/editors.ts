// An editor for tests that call lib/data's writes directly: created (or reset) in the test's
// database and shaped as a signed-in editor, as the admin's guards hand one to an action.
import { upsertEditor } from '@/lib/data/admin/editor-accounts'
import type { SignedInEditor } from '@/lib/data/admin/sessions'

export const TEST_PASSWORD = 'correct horse battery'

export async function actingEditor(email: string, role: 'ADMIN' | 'EDITOR' = 'EDITOR'): Promise<SignedInEditor> {
  const row = await upsertEditor({ email, password: TEST_PASSWORD, role })
  return { id: row.id, email: row.email, name: row.name, role: row.role, sessionId: 'test' }
}
