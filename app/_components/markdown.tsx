// Renders Markdown read by lib/markdown.ts as React elements: text is escaped by React, and no
// HTML from the source ever reaches the page.
import { Fragment, type ReactNode } from 'react'
import { parseMarkdown, type Inline } from '@/lib/markdown'

function inline(nodes: Inline[]): ReactNode {
  return nodes.map((node, index) => {
    switch (node.kind) {
      case 'text':
        return <Fragment key={index}>{node.text}</Fragment>
      case 'break':
        return <br key={index} />
      case 'strong':
        return <strong key={index}>{inline(node.children)}</strong>
      case 'em':
        return <em key={index}>{inline(node.children)}</em>
      case 'link': {
        const external = !node.href.startsWith('/')
        return (
          <a key={index} href={node.href} {...(external ? { rel: 'noopener noreferrer' } : {})}>
            {inline(node.children)}
          </a>
        )
      }
    }
  })
}

export function Markdown({ source }: { source: string }) {
  return (
    <>
      {parseMarkdown(source).map((block, index) => {
        if (block.kind === 'heading') {
          const Heading = `h${block.level}` as const
          return <Heading key={index}>{inline(block.children)}</Heading>
        }
        if (block.kind === 'paragraph') return <p key={index}>{inline(block.children)}</p>
        const List = block.ordered ? 'ol' : 'ul'
        return (
          <List key={index}>
            {block.items.map((item, itemIndex) => (
              <li key={itemIndex}>{inline(item)}</li>
            ))}
          </List>
        )
      })}
    </>
  )
}
