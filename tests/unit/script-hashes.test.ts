// The hashes a page's policy names must be the ones the browser computes: SHA-256 of each inline
// script's text exactly as it stands, data blocks and script files left out.
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { inlineScriptHashes, policyWithScriptHashes, restrictScripts } from '@/lib/server/script-hashes'

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64')

describe('inline script hashes', () => {
  it('hashes each runnable inline script once, as written, and nothing else', () => {
    const payload = 'self.__next_f.push([1,"a \\u003c/script> b — été 👗"])'
    const html = [
      '<html><head><script src="/_next/static/chunks/a.js" async=""></script>',
      `<script>${payload}</script>`,
      '<script type="application/ld+json">{"@type":"Product"}</script>',
      '<script type="module">import "/x.js"</script>',
      `<SCRIPT>${payload}</SCRIPT >`,
      '<script nonce="" id="boot">\n  window.boot = 1\n</script></head></html>',
    ].join('')
    expect(inlineScriptHashes(html)).toEqual([
      sha256(payload),
      sha256('import "/x.js"'),
      sha256('\n  window.boot = 1\n'),
    ])
  })

  it('replaces any script-src in the policy, keeping the other directives', () => {
    expect(policyWithScriptHashes("frame-ancestors 'none'; script-src *; object-src 'none'", ['abc='])).toBe(
      "frame-ancestors 'none'; object-src 'none'; script-src 'self' 'sha256-abc='; script-src-attr 'none'",
    )
  })

  it('restricts HTML answers only', () => {
    const html = { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "base-uri 'self'" }
    restrictScripts(html, Buffer.from('<script>go()</script>'))
    expect(html['content-security-policy']).toBe(
      `base-uri 'self'; script-src 'self' 'sha256-${sha256('go()')}'; script-src-attr 'none'`,
    )
    const json = { 'content-type': 'application/json', 'content-security-policy': "base-uri 'self'" }
    restrictScripts(json, Buffer.from('{"html":"<script>go()</script>"}'))
    expect(json['content-security-policy']).toBe("base-uri 'self'")
  })
})
