// An editor's save on every public page that shows what it changed, at the next request, and on
// none of the others: those stay in the front cache (decision 019). Saves go through the admin's
// own actions, as the forms post them. Registered from site.test.ts so that it shares its server.
import { describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db/client'
import { actionForm, actionIdOf, formStateOf, OUTFIT_SAVE_ACTION, unchangedOutfitFields } from '../support/action-form'
import { sessionCookieFor } from '../support/admin-session'
import type { SuiteContext } from '../support/browser'

export function editsReachPagesSuite(context: SuiteContext) {
  describe('an edit reaches the pages that show it', () => {
    /** Asks twice: the second answer says whether the front cache kept the page. */
    async function warm(url: string) {
      await fetch(url)
      return (await fetch(url)).headers.get('x-lookbook-cache')
    }
    const cacheOf = async (url: string) => (await fetch(url)).headers.get('x-lookbook-cache')
    const textOf = async (url: string) => (await fetch(url)).text()

    async function save(action: readonly [string, string], fields: Record<string, string>) {
      const { server } = context()
      const cookie = await sessionCookieFor('pages-editor@example.com', 'EDITOR')
      const form = actionForm(await actionIdOf(...action), server.url, cookie, fields)
      const answer = await fetch(`${server.url}/admin`, { method: 'POST', ...form })
      const state = formStateOf<{ message?: string; error?: string }>(await answer.text())
      expect(state?.message, state?.error).toMatch(/^Saved\. /)
    }

    it('shows an outfit’s new title on its page, its idol’s, its pieces’ and the lists, and keeps other pages in memory', async () => {
      const { server } = context()
      const outfit = await prisma().outfit.findFirstOrThrow({
        where: { published: true, featured: true, items: { some: {} } },
        orderBy: { slug: 'asc' },
        include: { idol: true, items: { include: { product: true } } },
      })
      const otherIdol = await prisma().idol.findFirstOrThrow({ where: { published: true, id: { not: outfit.idolId } } })
      const otherProduct = await prisma().product.findFirstOrThrow({
        where: { active: true, outfitItems: { none: { outfitId: outfit.id } } },
      })
      const url = (path: string) => `${server.url}${path}`
      const showing = [
        url(`/outfits/${outfit.slug}`),
        url(`/idols/${outfit.idol.slug}`),
        url(`/products/${outfit.items[0]!.product.slug}`),
        url(`/api/outfits/${outfit.slug}`),
        url('/api/outfits'),
        url('/'),
      ]
      const notShowing = [url(`/idols/${otherIdol.slug}`), url(`/products/${otherProduct.slug}`)]
      for (const page of [...showing, ...notShowing]) expect(await warm(page), page).toBe('HIT')
      for (const page of showing) expect(await textOf(page), page).toContain(outfit.title)

      const title = `Renamed look ${Date.now() % 100000}`
      await save(OUTFIT_SAVE_ACTION, {
        ...unchangedOutfitFields(outfit),
        version: String(outfit.version),
        title,
        description: outfit.description,
      })
      for (const page of showing) expect(await textOf(page), page).toContain(title)
      for (const page of notShowing) expect(await cacheOf(page), page).toBe('HIT')
    })

    it('shows an idol’s new name on their outfits’ pages, and keeps other idols’ pages in memory', async () => {
      const { server } = context()
      const idol = await prisma().idol.findFirstOrThrow({
        where: { published: true, outfits: { some: { published: true } } },
        orderBy: { slug: 'desc' },
        include: { outfits: { where: { published: true }, take: 1 } },
      })
      const otherIdol = await prisma().idol.findFirstOrThrow({ where: { published: true, id: { not: idol.id } } })
      const outfitPage = `${server.url}/outfits/${idol.outfits[0]!.slug}`
      const otherIdolPage = `${server.url}/idols/${otherIdol.slug}`
      for (const page of [outfitPage, otherIdolPage]) expect(await warm(page), page).toBe('HIT')

      const name = `Renamed idol ${Date.now() % 100000}`
      await save(['saveIdolAction', 'app/admin/idols/actions.ts'], {
        id: idol.id,
        version: String(idol.version),
        slug: idol.slug,
        name,
        bio: idol.bio ?? '',
        portraitId: idol.portraitId ?? '',
        instagram: idol.instagram ?? '',
        tiktok: idol.tiktok ?? '',
        facebook: idol.facebook ?? '',
        position: String(idol.position),
        published: 'on',
      })
      expect(await textOf(outfitPage)).toContain(name)
      expect(await textOf(`${server.url}/idols/${idol.slug}`)).toContain(name)
      expect(await cacheOf(otherIdolPage)).toBe('HIT')
    })

    it('shows an outfit cover’s new alt text on the outfit’s page, its idol’s and its pieces’ product pages', async () => {
      const { server } = context()
      const outfit = await prisma().outfit.findFirstOrThrow({
        where: { published: true, cover: { isNot: null }, items: { some: {} } },
        orderBy: { slug: 'desc' },
        include: { cover: true, idol: true, items: { include: { product: true } } },
      })
      const pages = [
        `${server.url}/outfits/${outfit.slug}`,
        `${server.url}/idols/${outfit.idol.slug}`,
        `${server.url}/products/${outfit.items[0]!.product.slug}`,
      ]
      for (const page of pages) await warm(page)
      const alt = `Cover described anew ${Date.now() % 100000}`
      await save(['saveMediaAltAction', 'app/admin/media/[id]/actions.ts'], {
        id: outfit.cover!.id,
        version: String(outfit.cover!.version),
        alt,
      })
      for (const page of pages) expect(await textOf(page), page).toContain(alt)
    })
  })
}
