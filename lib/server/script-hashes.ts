// A Content-Security-Policy that lets a page run only its own scripts: the files under 'self' and
// the inline scripts it was rendered with, each named by its SHA-256 hash. Next's pages carry
// inline scripts (the React Server Components payload, the bootstrap); a nonce would make every
// page dynamic and end ISR, but a cached page's scripts are fixed, so their hashes are computed
// once when the page enters the front cache and sent with every copy of it. An injected script,
// even one that got past React's escaping, has no hash in the policy and does not run.
import { createHash } from 'node:crypto'
import { settings } from '@/lib/env'

/** Where Meta's pixel script comes from (app/_components/tracking-client.ts loads it). */
export const META_PIXEL_HOST = 'https://connect.facebook.net'

// An HTML script element ends at the first `</script` whatever it contains (Next escapes `</` in
// its payload), so a lazy match finds each element's text exactly as the browser hashes it.
const SCRIPT_ELEMENT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi
const HAS_SRC = /\bsrc\s*=/i
const TYPE = /\btype\s*=\s*["']?([^"'\s>]+)/i
// Types the browser runs; anything else (application/ld+json…) is a data block CSP does not govern.
const RUNNABLE_TYPES = new Set(['', 'module', 'text/javascript', 'application/javascript'])

/** The base64 SHA-256 of each inline script the browser would run, in order, without repeats. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>()
  for (const [, attributes = '', text = ''] of html.matchAll(SCRIPT_ELEMENT)) {
    if (HAS_SRC.test(attributes)) continue
    const type = TYPE.exec(attributes)?.[1]?.toLowerCase() ?? ''
    if (!RUNNABLE_TYPES.has(type)) continue
    hashes.add(createHash('sha256').update(text, 'utf8').digest('base64'))
  }
  return [...hashes]
}

/**
 * The policy with a script-src allowing our own script files, exactly these inline scripts, and
 * the script hosts named (Meta's pixel, when one is configured; it loads only after consent).
 */
export function policyWithScriptHashes(policy: string, hashes: string[], hosts: string[] = []): string {
  const sources = ["'self'", ...hosts, ...hashes.map((hash) => `'sha256-${hash}'`)].join(' ')
  const others = policy
    .split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive && !/^script-src(\s|$)/i.test(directive))
  return [...others, `script-src ${sources}`, "script-src-attr 'none'"].join('; ')
}

type Headers = Record<string, string | string[]>

/** For an HTML answer: its policy, restricted to the scripts it carries. Other answers unchanged. */
export function restrictScripts(headers: Headers, body: Buffer): void {
  const type = headers['content-type']
  if (typeof type !== 'string' || !type.startsWith('text/html')) return
  const policy = headers['content-security-policy']
  const base = typeof policy === 'string' ? policy : ''
  headers['content-security-policy'] = policyWithScriptHashes(
    base,
    inlineScriptHashes(body.toString('utf8')),
    settings().META_PIXEL_ID ? [META_PIXEL_HOST] : [],
  )
}
