// npm run admin:create -- --email you@example.com [--role admin|editor] [--name "Your Name"]
// Creates (or resets: password, role, enabled, sessions ended) an editor, recorded in the audit log.
// The password is read from ADMIN_PASSWORD, or typed at the prompt, or generated and printed once
// when neither is given (e.g. on a Heroku one-off dyno).
import { createInterface } from 'node:readline/promises'
import { parseArgs } from 'node:util'
import { generatePassword } from '@/lib/crypto/password'
import { upsertEditor } from '@/lib/data/admin/editor-accounts'
import { withoutServerSettings } from '@/lib/env'
import { runCli, UsageError } from './run'

async function askPassword(): Promise<string> {
  const prompt = createInterface({ input: process.stdin, output: process.stdout })
  try {
    return (await prompt.question('Password (12+ characters; empty to generate one): ')).trim()
  } finally {
    prompt.close()
  }
}

// Not the server: runs in production without HASH_SALT, SERVER_ACTIONS_SECRET or SITE_URL.
withoutServerSettings()

void runCli('admin:create', async () => {
  let args
  try {
    args = parseArgs({
      options: { email: { type: 'string' }, role: { type: 'string', default: 'admin' }, name: { type: 'string' } },
    }).values
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  if (!args.email) throw new UsageError('give the editor an email: npm run admin:create -- --email you@example.com')
  const role = args.role?.toUpperCase()
  if (role !== 'ADMIN' && role !== 'EDITOR') throw new UsageError('--role is admin or editor')
  let password = process.env.ADMIN_PASSWORD ?? (process.stdin.isTTY ? await askPassword() : '')
  const generated = !password
  if (generated) password = generatePassword()
  try {
    const editor = await upsertEditor({ email: args.email, password, role, name: args.name })
    console.log(`${editor.role === 'ADMIN' ? 'Admin' : 'Editor'} ${editor.email} is ready: sign in at /admin/login.`)
    if (generated) console.log(`Password (shown once, keep it safe): ${password}`)
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
})
