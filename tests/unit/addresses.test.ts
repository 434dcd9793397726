// Addresses no page can have are answered before Next or the database see them, and the admin's
// addresses get the stricter security headers.
import { describe, expect, it } from 'vitest'
import { pathProblem } from '@/lib/server/request-guard'
import { isPossibleSlug } from '@/lib/slug'
import { isAdminPath, securityHeaders } from '@/lib/http/security-headers.js'

describe('pathProblem', () => {
  it('lets ordinary and well-encoded paths through', () => {
    for (const url of ['/', '/outfits/snow-day', '/search?q=%', '/media/ab/abc.png', '/outfits/caf%C3%A9', '/a%20b'])
      expect(pathProblem(url), url).toBeNull()
  })

  it('answers 400 for a malformed percent-encoding in the path (the query is the page’s business)', () => {
    for (const url of [
      '/outfits/%',
      '/outfits/%E0%A4%A',
      '/api/products/%',
      '/media/%zz',
      '/api/admin/uploads/%/complete',
    ])
      expect(pathProblem(url), url).toMatchObject({ status: 400 })
  })

  it('answers 404 for a control character, encoded or not', () => {
    for (const url of ['/products/x%00y', '/idols/%0a', '/outfits/a%7Fb', '/outfits/a\u0001b'])
      expect(pathProblem(url), url).toMatchObject({ status: 404 })
  })
})

describe('slugs', () => {
  it('knows what no record can be called', () => {
    expect(isPossibleSlug('mara-quinn-2')).toBe(true)
    for (const slug of ['', 'Mara', 'a--b', '-a', 'a-', 'x\u0000y', 'é', 'a'.repeat(81), "'; drop table", '../etc'])
      expect(isPossibleSlug(slug), slug).toBe(false)
  })
})

describe('security headers', () => {
  it('keep the admin out of every frame, and public pages out of other sites’ frames', () => {
    expect(['/admin', '/admin/outfits/1', '/admin?denied=1', '/api/admin/uploads'].every(isAdminPath)).toBe(true)
    expect(['/', '/administrator', '/outfits/admin', '/api/likes'].some(isAdminPath)).toBe(false)
    const admin = Object.fromEntries(securityHeaders({ admin: true, production: true }))
    const site = Object.fromEntries(securityHeaders({ admin: false, production: false }))
    expect(admin['X-Frame-Options']).toBe('DENY')
    expect(admin['Content-Security-Policy']).toContain("frame-ancestors 'none'")
    expect(site['X-Frame-Options']).toBe('SAMEORIGIN')
    expect(admin['Strict-Transport-Security']).toMatch(/max-age=\d{8}/)
    expect(site['Strict-Transport-Security']).toBeUndefined() // not outside production
  })
})
