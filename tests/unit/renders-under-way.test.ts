// Which requests wait for renders begun before an invalidation, and for how long at most.
import { describe, expect, it } from 'vitest'
import { RendersUnderWay } from '@/lib/server/renders-under-way'

/** A render that ends when the test says so. */
function render() {
  let end!: () => void
  const ended = new Promise<void>((resolve) => (end = resolve))
  return { run: () => ended, end }
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('renders under way', () => {
  it('makes a request wait for the renders of its page begun before the last invalidation, and no others', async () => {
    const renders = new RendersUnderWay()
    const old = render()
    void renders.run('/outfits/a', old.run)
    const otherPage = render()
    void renders.run('/outfits/b', otherPage.run)
    renders.markOld()

    const started: string[] = []
    const note = (name: string) => async () => void started.push(name)
    const samePage = renders.run('/outfits/a?utm_source=fb', note('same page'))
    const sameAgain = renders.run('/outfits/a', note('same page, again'))
    await renders.run('/outfits/c', note('another page'))
    expect(started).toEqual(['another page'])

    old.end()
    await Promise.all([samePage, sameAgain])
    expect(started).toEqual(['another page', 'same page', 'same page, again'])
    // Renders begun after the invalidation hold up nobody.
    const current = render()
    void renders.run('/outfits/a', current.run)
    await renders.run('/outfits/a', note('after'))
    expect(started.at(-1)).toBe('after')
  })

  it('keys images and API answers by their whole address: one does not wait for another', async () => {
    const renders = new RendersUnderWay()
    const image = render()
    void renders.run('/_next/image?url=%2Fmedia%2Fa.webp&w=640&q=75', image.run)
    renders.markOld()
    let ran = false
    await renders.run('/_next/image?url=%2Fmedia%2Fb.webp&w=640&q=75', async () => void (ran = true))
    expect(ran).toBe(true)
    image.end()
  })

  it('waits for every invalidation’s old renders in turn', async () => {
    const renders = new RendersUnderWay()
    const first = render()
    void renders.run('/p', first.run)
    renders.markOld()
    const second = render()
    void renders.run('/p', second.run) // waits for the first, then runs
    renders.markOld()
    let ran = false
    const third = renders.run('/p', async () => void (ran = true))
    first.end()
    await sleep(10)
    expect(ran).toBe(false)
    second.end()
    await third
    expect(ran).toBe(true)
  })

  it('stops waiting for a render that never ends', async () => {
    const renders = new RendersUnderWay(50)
    void renders.run('/p', () => new Promise(() => {}))
    renders.markOld()
    const started = performance.now()
    await renders.run('/p', async () => undefined)
    expect(performance.now() - started).toBeLessThan(1_000)
    renders.markOld() // it is not old again: no longer counted as under way
    const again = performance.now()
    await renders.run('/p', async () => undefined)
    expect(performance.now() - again).toBeLessThan(40)
  })
})
