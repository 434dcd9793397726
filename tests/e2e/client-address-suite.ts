// The per-address limits behind Heroku's router, against the production server entry: the router
// appends the address it saw to whatever X-Forwarded-For the client sent, so a client that writes
// its own (spoofed, new on every request, or garbage) must still count as its one real address.
// The comment limit is checked through the server's live route, the sign-in limit through Next's
// handler (the admin's sign-in action): both doors must find the same address. Registered from
// site.test.ts so that it shares its server (the default TRUSTED_PROXY_HOPS, 1).
import { randomInt } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db/client'
import { upsertEditor } from '@/lib/data/admin/editor-accounts'
import { LOGIN_FAILED } from '@/lib/auth/sign-in'
import { actionForm, actionIdOf, formStateOf } from '../support/action-form'
import type { SuiteContext } from '../support/browser'

/** A new real address for each use: the per-address counts outlive a run when the KV is Redis. */
const realAddress = () => `198.${randomInt(18, 20)}.${randomInt(0, 256)}.${randomInt(1, 255)}`

/** What Heroku's router forwards: the client's own header, then the address it saw. */
const routed = (clientPart: string, address: string) => `${clientPart}, ${address}`

/** What clients write into X-Forwarded-For to look like someone else: each one different. */
function spoofedParts(count: number): string[] {
  const fixed = [
    '1.2.3.4',
    ',,,',
    'not-an-ip',
    'x'.repeat(4096),
    'a,'.repeat(2048),
    '',
    '127.0.0.1',
    '[::1]',
    '2001:db8::1, 10.0.0.1',
  ]
  const rotating = Array.from({ length: Math.max(0, count - fixed.length) }, (_, n) => `203.0.113.${n + 1}`)
  return [...fixed, ...rotating].slice(0, count)
}

const COMMENTS_PER_ADDRESS = 20 // lib/http/comments.ts, in ten minutes
const SIGN_INS_PER_ADDRESS = 20 // lib/auth/sign-in.ts, in fifteen minutes

export function clientAddressSuite(context: SuiteContext) {
  describe('one client address behind Heroku’s router', () => {
    async function postComment(forwardedFor: string, body: string) {
      const { server } = context()
      const outfit = await prisma().outfit.findFirstOrThrow({ where: { published: true }, orderBy: { slug: 'asc' } })
      const response = await fetch(`${server.url}/api/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
        body: JSON.stringify({ type: 'outfit', slug: outfit.slug, authorName: 'Rotator', body }),
      })
      const answer = (await response.json()) as { comment?: { id: string } }
      const ipHash = answer.comment
        ? (await prisma().comment.findUniqueOrThrow({ where: { id: answer.comment.id } })).ipHash
        : null
      return { status: response.status, ipHash }
    }

    it('holds the comment limit for the one real address, whatever the client writes before it', async () => {
      const address = realAddress()
      const parts = spoofedParts(COMMENTS_PER_ADDRESS + 3)
      const answers = []
      for (const [n, part] of parts.entries()) answers.push(await postComment(routed(part, address), `Spoof ${n}`))
      const statuses = answers.map((answer) => answer.status)
      expect(statuses).toEqual([
        ...Array<number>(COMMENTS_PER_ADDRESS).fill(201),
        ...Array<number>(parts.length - COMMENTS_PER_ADDRESS).fill(429),
      ])
      const hashes = new Set(answers.filter((answer) => answer.ipHash).map((answer) => answer.ipHash))
      expect(hashes.size).toBe(1)

      // Another real address with the same spoofed part is another client: counted apart, hashed apart.
      const other = await postComment(routed(parts[0]!, realAddress()), 'Someone else')
      expect(other.status).toBe(201)
      expect(hashes.has(other.ipHash)).toBe(false)
    })

    it(
      'holds the sign-in limit the same way, and Next’s sign-in finds the address the live route found',
      { timeout: 90_000 },
      async () => {
        const { server } = context()
        const actionId = await actionIdOf('signInAction', 'app/admin/login/actions.ts')
        const signIn = async (email: string, password: string, forwardedFor: string) => {
          const form = actionForm(actionId, server.url, '', { email, password, next: '/admin' })
          const response = await fetch(`${server.url}/admin/login`, {
            method: 'POST',
            headers: { ...form.headers, 'x-forwarded-for': forwardedFor },
            body: form.body,
            redirect: 'manual',
          })
          return formStateOf<{ error?: string }>(await response.text())?.error ?? null
        }
        const address = realAddress()
        const parts = spoofedParts(SIGN_INS_PER_ADDRESS + 2)

        // One door each: a comment through the live route, a sign-in through Next.
        const comment = await postComment(routed('9.9.9.9', address), 'Before signing in')
        expect(comment.status).toBe(201)
        const email = `address-editor-${randomInt(1e9)}@example.com`
        const editor = await upsertEditor({ email, password: 'address editor password', role: 'EDITOR' })
        expect(await signIn(email, 'address editor password', routed(parts[0]!, address))).toBeNull()
        const session = await prisma().session.findFirstOrThrow({ where: { editorId: editor.id } })
        expect(session.ipHash).toBe(comment.ipHash)

        // The successful sign-in counted; each wrong one names another account, so only the address limit applies.
        const errors: (string | null)[] = []
        for (const [n, part] of parts.slice(1).entries())
          errors.push(await signIn(`nobody-${n}-${email}`, 'not the password', routed(part, address)))
        expect(errors).toEqual([
          ...Array<string>(SIGN_INS_PER_ADDRESS - 1).fill(LOGIN_FAILED),
          ...Array<string>(parts.length - SIGN_INS_PER_ADDRESS).fill(
            'Too many sign-in attempts. Wait 15 minutes and try again.',
          ),
        ])
        expect(await signIn(`nobody-else-${email}`, 'not the password', routed(parts[1]!, realAddress()))).toBe(
          LOGIN_FAILED,
        )
      },
    )
  })
}
