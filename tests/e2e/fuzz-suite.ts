// Property-based hostile input (fast-check) against the production server: every public API route
// and every server action, read from the build's manifests so a new one cannot be forgotten, gets
// malformed JSON, wrong types, missing and extra fields, unicode edge cases (NUL, lone surrogates,
// right-to-left overrides, 4-byte emoji), SQL, HTML and script payloads and path traversal. Only
// 4xx (or a refusal the form shows) may come back, never 5xx, and nothing may be stored.
// Registered from site.test.ts so that it shares its server.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db/client'
import type { SuiteContext } from '../support/browser'
import {
  adminSnapshot,
  buildActions,
  buildRoutes,
  callAction,
  recordIds,
  type ManifestAction,
} from '../support/admin-routes'
import { sessionCookieFor } from '../support/admin-session'

/** Strings that have broken web apps: each is tried besides fast-check's own. */
const NASTY = [
  '',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  '\u202eevil\u202c',
  '👩🏽‍🚀',
  "' OR 1=1 --",
  '"; DROP TABLE "Outfit"; --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%00',
  '%',
  'x'.repeat(3_000),
]

const nastyString = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
)
/** JSON values with hostile strings in them, nested a little. */
const hostileJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    nastyString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(nastyString, fc.constantFrom('type', 'slug', 'liked', 'id', 'version')), tie('value'), {
      maxKeys: 5,
    }),
  ),
})).value
/** Request bodies: JSON, JSON-looking garbage, or nothing. */
const hostileBody = fc.oneof(
  hostileJson.map((value) => JSON.stringify(value)),
  fc.constantFrom('{', '{"type":', 'null', '[]', '"', '{"type":"outfit","slug":"x","liked":"yes"}'),
  nastyString,
)

async function publicApiRoutes(slug: string): Promise<string[]> {
  return (await buildRoutes())
    .filter((route) => route.startsWith('/api/') && !route.startsWith('/api/admin/') && route.endsWith('/route'))
    .map((route) => route.replace(/\/route$/, '').replace(/\[\w+\]/g, slug))
}

async function allActions(): Promise<[string, ManifestAction][]> {
  // Signing out ends the session the other actions run under; it takes no input to fuzz.
  return (await buildActions()).filter(([, action]) => action.exportedName !== 'signOutAction')
}

/**
 * Arguments as React's client encodes them: a string that starts with "$" is sent as "$$…" (a
 * leading "$" marks a reference). Half the runs send them so, to test the actions' own checks; the
 * other half raw, as a hand-made request would, which the server entry must refuse with a 400.
 */
function asFlightArgs(value: unknown): unknown {
  if (typeof value === 'string') return value.startsWith('$') ? `$${value}` : value
  if (Array.isArray(value)) return value.map(asFlightArgs)
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, asFlightArgs(item)]))
  return value
}

const RUNS = 25

export function fuzzSuite(context: SuiteContext) {
  describe('hostile input, generated', () => {
    it(
      'answers every public API route with 4xx or 2xx, never 5xx, and stores nothing',
      { timeout: 240_000 },
      async () => {
        const { server } = context()
        const outfit = await prisma().outfit.findFirstOrThrow({ where: { published: true } })
        const routes = await publicApiRoutes(outfit.slug)
        expect(routes.length).toBeGreaterThanOrEqual(8)
        const before = await adminSnapshot(outfit.id)
        for (const route of routes) {
          await fc.assert(
            fc.asyncProperty(
              fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
              fc.dictionary(fc.constantFrom('type', 'slug', 'sku', 'q', 'page', 'limit', 'x'), nastyString, {
                maxKeys: 3,
              }),
              hostileBody,
              fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'),
              async (method, query, body, contentType) => {
                const search = new URLSearchParams(query).toString()
                const response = await fetch(`${server.url}${route}${search ? `?${search}` : ''}`, {
                  method,
                  headers: { 'content-type': contentType },
                  body: method === 'GET' ? undefined : body,
                  redirect: 'manual',
                })
                const text = await response.text()
                if (response.status >= 500)
                  throw new Error(`${method} ${route}?${search} answered ${response.status}: ${text}`)
                if (response.status >= 400 && response.status !== 405)
                  expect(JSON.parse(text), `${method} ${route}`).toHaveProperty('error')
              },
            ),
            { numRuns: RUNS },
          )
        }
        // Likes may be stored by well-formed requests; hostile ones change nothing else.
        const { likes: _likesBefore, ...rest } = before
        const { likes: _likesAfter, ...now } = await adminSnapshot(outfit.id)
        expect(now).toEqual(rest)
      },
    )

    it(
      'answers every server action, signed in as an admin, without a 5xx, storing nothing',
      { timeout: 240_000 },
      async () => {
        const { server } = context()
        const cookie = await sessionCookieFor('fuzz-admin@example.com', 'ADMIN')
        const ids = await recordIds()
        const actions = await allActions()
        expect(actions.length).toBeGreaterThan(20)
        const outfit = await prisma().outfit.findFirstOrThrow()
        const before = await adminSnapshot(outfit.id)
        for (const action of actions) {
          await fc.assert(
            fc.asyncProperty(fc.array(hostileJson, { maxLength: 3 }), fc.boolean(), async (args, asClient) => {
              const sent = asClient ? args.map(asFlightArgs) : args
              const { status, text } = await callAction(server.url, action, sent, ids, cookie)
              if (status >= 500)
                throw new Error(`${action[1].exportedName}(${JSON.stringify(args)}) answered ${status}: ${text}`)
            }),
            { numRuns: RUNS },
          )
        }
        expect(await adminSnapshot(outfit.id)).toEqual(before)
      },
    )
  })
}
