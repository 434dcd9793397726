// The Markdown admins write legal pages in, read into a small tree that React renders: headings
// (# and ## as sections, ### within them), paragraphs (a single line break stays one), bullet and numbered lists, **bold**,
// *italic* and [links](https://…). No HTML passes through: every text is a text node, and links
// may only go to http(s), mailto: and tel: addresses or to a page of this site.

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'break' }
  | { kind: 'strong' | 'em'; children: Inline[] }
  | { kind: 'link'; href: string; children: Inline[] }

export type Block =
  | { kind: 'heading'; level: 2 | 3; children: Inline[] }
  | { kind: 'paragraph'; children: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] }

const HEADING = /^(#{1,3})\s+(.*)$/
const BULLET = /^\s*[-*]\s+(.*)$/
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = []
  let paragraph: string[] = []
  let list: { ordered: boolean; items: string[] } | null = null
  const endParagraph = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', children: inlineLines(paragraph) })
    paragraph = []
  }
  const endList = () => {
    if (list) blocks.push({ kind: 'list', ordered: list.ordered, items: list.items.map((item) => parseInline(item)) })
    list = null
  }
  for (const line of source.replace(/\r\n?/g, '\n').split('\n')) {
    const heading = HEADING.exec(line)
    const bullet = BULLET.exec(line)
    const numbered = bullet ? null : NUMBERED.exec(line)
    if (!line.trim()) {
      endParagraph()
      endList()
    } else if (heading) {
      endParagraph()
      endList()
      // The page's own title is its h1, so # and ## are its sections (h2) and ### their parts (h3):
      // heading levels never skip one, whichever the writer started with.
      blocks.push({ kind: 'heading', level: heading[1]!.length === 3 ? 3 : 2, children: parseInline(heading[2]!) })
    } else if (bullet || numbered) {
      endParagraph()
      const ordered = Boolean(numbered)
      if (list && list.ordered !== ordered) endList()
      list ??= { ordered, items: [] }
      list.items.push((bullet ?? numbered)![1]!)
    } else if (list && /^\s{2,}\S/.test(line)) {
      list.items[list.items.length - 1] += ` ${line.trim()}` // a list item continued on the next line
    } else {
      endList()
      paragraph.push(line.trim())
    }
  }
  endParagraph()
  endList()
  return blocks
}

function inlineLines(lines: string[]): Inline[] {
  return lines.flatMap((line, index) =>
    index === 0 ? parseInline(line) : [{ kind: 'break' } as const, ...parseInline(line)],
  )
}

/** Where a link may go: the web, mail, phone, or this site's own pages. */
export function safeHref(href: string): string | null {
  const trimmed = href.trim()
  // Our own pages: one slash, then no slash or backslash (browsers read /\\host as //host).
  if (/^\/(?![/\\])/.test(trimmed) && !trimmed.includes('\\')) return trimmed
  try {
    const url = new URL(trimmed)
    return ['http:', 'https:', 'mailto:', 'tel:'].includes(url.protocol) ? url.toString() : null
  } catch {
    return null
  }
}

const INLINE = /\*\*(.+?)\*\*|\*(.+?)\*|\[([^\]]+)\]\(([^)\s]+)\)/

export function parseInline(text: string): Inline[] {
  const out: Inline[] = []
  let rest = text
  while (rest) {
    const match = INLINE.exec(rest)
    if (!match) {
      out.push({ kind: 'text', text: rest })
      break
    }
    if (match.index > 0) out.push({ kind: 'text', text: rest.slice(0, match.index) })
    const [whole, strong, em, label, href] = match
    if (strong !== undefined) out.push({ kind: 'strong', children: parseInline(strong) })
    else if (em !== undefined) out.push({ kind: 'em', children: parseInline(em) })
    else {
      const safe = safeHref(href!)
      out.push(safe ? { kind: 'link', href: safe, children: parseInline(label!) } : { kind: 'text', text: label! })
    }
    rest = rest.slice(match.index + whole.length)
  }
  return out
}
