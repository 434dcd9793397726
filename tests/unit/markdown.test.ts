// The Markdown of the legal pages: what admins write becomes headings, paragraphs, lists and safe
// links; nothing in it becomes HTML or a script.
import { describe, expect, it } from 'vitest'
import { renderToStaticMarkup } from 'react-dom/server'
import { parseMarkdown, safeHref } from '@/lib/markdown'
import { Markdown } from '@/app/_components/markdown'

const html = (source: string) => renderToStaticMarkup(Markdown({ source }))

describe("the legal pages' Markdown", () => {
  it('reads headings below the page title without skipping a level, paragraphs with their line breaks, and lists', () => {
    expect(
      html(
        '## Contact\n\n**Lookbook GmbH**\nMusterstraße 12\n\n- one\n- two\n  continued\n\n1. first\n2. second\n\n# Top\n### Part',
      ),
    ).toBe(
      '<h2>Contact</h2><p><strong>Lookbook GmbH</strong><br/>Musterstraße 12</p><ul><li>one</li><li>two continued</li></ul>' +
        '<ol><li>first</li><li>second</li></ol><h2>Top</h2><h3>Part</h3>',
    )
    expect(html('*so* and [the shop](https://shop.example.com/) or [us](/impressum), [mail](mailto:a@b.de)')).toBe(
      '<p><em>so</em> and <a href="https://shop.example.com/" rel="noopener noreferrer">the shop</a> or <a href="/impressum">us</a>, <a href="mailto:a@b.de" rel="noopener noreferrer">mail</a></p>',
    )
  })

  it('lets no HTML, script or dangerous link through', () => {
    const out = html(
      '<script>alert(1)</script>\n\n[click](javascript:alert(1)) [x](//evil.example/) <img src=x onerror=alert(1)>',
    )
    expect(out).not.toMatch(/<script|<img|href="javascript|href="\/\/evil/)
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(out).toContain('click')
    expect(safeHref('javascript:alert(1)')).toBeNull()
    expect(safeHref('data:text/html,hi')).toBeNull()
    expect(safeHref('/\\evil.example')).toBeNull() // browsers read /\ as //
    expect(safeHref('/impressum')).toBe('/impressum')
    expect(safeHref('tel:+49301234567')).toBe('tel:+49301234567')
  })

  it('keeps an empty text empty', () => {
    expect(parseMarkdown('\n\n  \n')).toEqual([])
  })
})
