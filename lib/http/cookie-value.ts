// One cookie's value in a Cookie header (document.cookie has the same shape), or undefined.
// Pure: the server's handlers and the browser's consent check read cookies the same way.
export function cookieValue(header: string | null | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const separator = part.indexOf('=')
    if (separator > 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim()
  }
  return undefined
}
