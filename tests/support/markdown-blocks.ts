// The fenced code blocks of a Markdown guide, so that a test runs the guide's own commands and
// files rather than a copy of them that drifts away from the text.

export type CodeBlock = { language: string; text: string }

/** Every ```-fenced block, in order, with its language (`sh`, `nginx`, ...) and its text. */
export function fencedBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = []
  let open: { language: string; lines: string[] } | undefined
  for (const line of markdown.split('\n')) {
    if (!open) {
      const fence = /^```(\S*)\s*$/.exec(line)
      if (fence) open = { language: fence[1]!, lines: [] }
    } else if (/^```\s*$/.test(line)) {
      blocks.push({ language: open.language, text: `${open.lines.join('\n')}\n` })
      open = undefined
    } else {
      open.lines.push(line)
    }
  }
  if (open) throw new Error('A code block is never closed.')
  return blocks
}

/** The one block with a line that contains `marker`: found by its content, wherever it moves. */
export function blockContaining(markdown: string, marker: string): CodeBlock {
  const found = fencedBlocks(markdown).filter((block) => block.text.split('\n').some((line) => line.includes(marker)))
  if (found.length !== 1) throw new Error(`Expected one code block with "${marker}", found ${found.length}.`)
  return found[0]!
}

/** The block's lines that do something: neither empty nor a whole-line comment. */
export function commandLines(block: CodeBlock): string[] {
  return block.text.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('#'))
}
