// The bench's scenarios as load plans: each page kind and public API alone, the live offers, the
// two writes (as ever-new visitors: no cookie, so each request gets a visitor id of its own and
// the per-visitor limits never apply; and each from an address of its own, as a spike's shoppers
// are, so the per-address limits do not either), the shop click (counted, then sent to the shop),
// and the campaign mix.
import type { CampaignUrls } from './campaign-urls'
import type { LoadPlan, RequestGroup, RequestKind } from './load-plan'
import type { ViewName } from './page-view-recording'

export type ScenarioFamily = 'page' | 'api' | 'write' | 'mix'

export type Scenario = {
  id: string
  label: string
  family: ScenarioFamily
  plan: LoadPlan
  /** Whether the likes, comments and shop clicks it makes are checked against the database afterwards. */
  writes: boolean
  /** Editors saving outfits while the load runs (./editors-at-work.ts). */
  editors?: number
  /** How long each editor waits between saves (ms, at random between the two); 2–4 s if not said. */
  editorPauseMs?: readonly [number, number]
  /** The p99 an issue asks of it (ms): the report says whether it was met. */
  targetP99Ms?: number
}

const get = (kind: RequestKind, paths: string[], weight = 1): RequestGroup => ({ kind, weight, method: 'GET', paths })

function single(id: string, label: string, family: ScenarioFamily, kind: RequestKind, path: string): Scenario {
  return { id, label, family, writes: false, plan: { name: id, groups: [get(kind, [path])], expectedStatuses: [200] } }
}

function likeGroup(urls: CampaignUrls, weight = 1): RequestGroup {
  const bodies = urls.outfitSlugs.map((slug) => JSON.stringify({ type: 'outfit', slug, liked: true }))
  return { kind: 'like', weight, method: 'POST', paths: ['/api/likes'], bodies, newAddressPerRequest: true }
}

function commentGroup(urls: CampaignUrls, weight = 1): RequestGroup {
  const bodies = urls.outfitSlugs.map((slug, i) =>
    JSON.stringify({
      type: 'outfit',
      slug,
      authorName: `Bench visitor ${i}`,
      body: 'Love this look! Where is the jacket from?',
    }),
  )
  return { kind: 'comment', weight, method: 'POST', paths: ['/api/comments'], bodies, newAddressPerRequest: true }
}

/** The campaign's traffic: 90 % page views over every public page, 6 % offers, 3 % likes, 1 % comments. */
export function campaignMix(urls: CampaignUrls): LoadPlan {
  return {
    name: 'campaign-mix',
    groups: [get('page', urls.allPages, 90), get('offers', urls.offers, 6), likeGroup(urls, 3), commentGroup(urls, 1)],
    expectedStatuses: [200, 201],
  }
}

export function benchScenarios(urls: CampaignUrls): Scenario[] {
  const slugOf = (path: string) => path.split('/').pop()!
  return [
    single('landing', 'landing /', 'page', 'page', '/'),
    single('idol', 'idol page', 'page', 'page', urls.idol),
    single('outfit', 'outfit page', 'page', 'page', urls.outfit),
    single('product', 'product page', 'page', 'page', urls.product),
    single('listing', 'products, 2 facets', 'page', 'page', urls.filteredListing),
    single('api-products', 'API products?sort=name', 'api', 'api', '/api/products?sort=name'),
    single('api-product', 'API products/:slug', 'api', 'api', `/api/products/${urls.productSlug}`),
    single('api-facets', 'API facets', 'api', 'api', '/api/facets'),
    single('api-idols', 'API idols', 'api', 'api', '/api/idols'),
    single('api-idol', 'API idols/:slug', 'api', 'api', `/api/idols/${slugOf(urls.idol)}`),
    single('api-outfits', 'API outfits', 'api', 'api', '/api/outfits'),
    single('api-outfit', 'API outfits/:slug', 'api', 'api', `/api/outfits/${slugOf(urls.outfit)}`),
    single('api-shots', 'API shots', 'api', 'api', '/api/shots'),
    single('api-socials', 'API socials', 'api', 'api', '/api/socials'),
    {
      id: 'offers',
      label: 'offers (5 SKUs, live)',
      family: 'api',
      writes: false,
      plan: { name: 'offers', groups: [get('offers', urls.offers)], expectedStatuses: [200] },
    },
    {
      id: 'likes',
      label: 'like POST (new visitors)',
      family: 'write',
      writes: true,
      plan: { name: 'likes', groups: [likeGroup(urls)], expectedStatuses: [200] },
    },
    {
      id: 'comments',
      label: 'comment POST (new visitors)',
      family: 'write',
      writes: true,
      plan: { name: 'comments', groups: [commentGroup(urls)], expectedStatuses: [201] },
    },
    {
      id: 'clicks',
      label: 'shop click /go (new visitors)',
      family: 'write',
      writes: true,
      plan: {
        name: 'clicks',
        groups: [{ kind: 'click', weight: 1, method: 'GET', paths: urls.shopClicks, newAddressPerRequest: true }],
        expectedStatuses: [302],
      },
    },
    { id: 'mix', label: 'campaign mix', family: 'mix', writes: true, plan: campaignMix(urls) },
    // Launch day as the hardening issue sets it: a hundred shoppers, each reading a page for up to
    // 50 ms before the next, while five editors save, at the launch-day test's pace (reading and
    // typing 2–6 s, then 0.5–2 s before the next). Page views only: the 200 ms is theirs (likes
    // and comments, writes to the database, are measured on their own above).
    {
      id: 'shoppers',
      label: 'shoppers reading 0–50 ms, 5 editors saving',
      family: 'mix',
      writes: false,
      plan: { name: 'shoppers', groups: [get('page', urls.allPages)], expectedStatuses: [200], thinkMs: [0, 50] },
      editors: 5,
      editorPauseMs: [2_500, 8_000],
      targetP99Ms: 200,
    },
    // Launch day as a flood: the campaign mix as fast as it is answered, while five editors save
    // every two to four seconds.
    {
      id: 'launch',
      label: 'campaign mix, 5 editors saving',
      family: 'mix',
      writes: true,
      plan: campaignMix(urls),
      editors: 5,
    },
  ]
}

/** Next's own `next start` on the same build: the page kinds the front cache is for. */
export const NEXT_START_SCENARIOS = ['product', 'outfit', 'landing']

/** Every GET path of a scenario (to render them once before measuring the cache). */
export function pathsToWarm(scenario: Scenario): string[] {
  return scenario.plan.groups.filter((group) => group.method === 'GET').flatMap((group) => group.paths)
}

/**
 * Whole page views as a phone makes them (./page-view-recording.ts records them, ./page-view-
 * measure.ts replays them): the four pages a Facebook visitor lands on, as a first-time visitor,
 * the outfit page again as a visitor who liked it, and the four first-time views mixed. Targets
 * from the page-view issue: views a second per page, and p99 per request.
 */
export type PageViewScenario = {
  id: string
  label: string
  /** The recorded views it replays (several: a mix, each view in turn). */
  views: ViewName[]
  targetViewsPerSecond?: number
  targetP99Ms: number
  /** Left out of smoke runs unless --only names it (CI time: it tells nothing the four views do not). */
  notInSmoke?: boolean
}

export const PAGE_VIEW_P99_TARGET_MS = 50

export function pageViewScenarios(): PageViewScenario[] {
  const view = (id: string, label: string, views: ViewName[], targetViewsPerSecond?: number): PageViewScenario => ({
    id,
    label,
    views,
    ...(targetViewsPerSecond ? { targetViewsPerSecond } : {}),
    targetP99Ms: PAGE_VIEW_P99_TARGET_MS,
  })
  return [
    view('view-landing', 'landing /, first visit', ['landing'], 300),
    view('view-outfit', 'outfit page, first visit', ['outfit'], 500),
    view('view-product', 'product page, first visit', ['product'], 600),
    view('view-listing', 'listing /products, first visit', ['listing'], 400),
    view('view-outfit-returning', 'outfit page, returning visitor who liked it', ['outfit-returning']),
    {
      ...view('view-mix', 'the four first visits in turn', ['landing', 'outfit', 'product', 'listing']),
      notInSmoke: true,
    },
  ]
}
