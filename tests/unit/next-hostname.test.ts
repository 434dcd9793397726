import { describe, expect, it } from 'vitest'
import { nextHostname } from '@/lib/server/next-hostname'

describe("Next's own host name", () => {
  it('is localhost for every loopback address, as Next writes them in its proxy’s URLs', () => {
    for (const host of [undefined, 'localhost', '127.0.0.1', '127.0.1.1', '::1', '[::1]']) {
      expect(nextHostname(host), String(host)).toBe('localhost')
    }
  })

  it('is the address itself otherwise', () => {
    for (const host of ['0.0.0.0', '::', '10.0.0.5', 'lookbook.internal']) expect(nextHostname(host)).toBe(host)
  })
})
