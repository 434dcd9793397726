// Next.js settings. Cache numbers live in lib/cache/policy.ts, settings in lib/env.ts.
import { installCacheHandler } from './lib/cache/cache-handler.js'
import { nextConfigSecurityHeaders } from './lib/http/security-headers.js'
import { applyServerActionsKey, deploymentId } from './lib/crypto/deploy-identity.js'

// Next's file cache without unbounded 404 entries, and with invalidations shared through Redis when
// several instances run (lib/cache/cache-handler.js, decision 008). Vercel's own cache is shared
// already. Installed here, once per process, rather than through the `cacheHandler` option, which
// makes Next import the handler module again on every request (about 10% of throughput, measured).
if (!process.env.VERCEL) installCacheHandler()

// One server-actions key for every build and instance (from SERVER_ACTIONS_SECRET), and the
// deploy's id (lib/crypto/deploy-identity.js, decision 029).
applyServerActionsKey()
const deployment = deploymentId()
// The build salts every server action's id with the key: built without one, the ids change with
// each build, and a form rendered before a deploy fails after it.
if (process.argv.includes('build') && !process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY)
  console.warn(
    'SERVER_ACTIONS_SECRET is not set for this build: server actions get a key and ids of their own, so forms rendered before the next deploy will fail after it. Set it (the same value) for builds and servers.',
  )

// Link-preview crawlers read the <head> only: they get the page with its metadata there, never
// streamed after it. Setting the list replaces Next's own, so its entries are repeated here
// (next/dist/shared/lib/router/utils/html-bots.js in 16.4), then Meta's newer crawlers and Pinterest.
const HTML_LIMITED_BOTS = new RegExp(
  [
    '[\\w-]+-Google|Google-[\\w-]+|Chrome-Lighthouse|Slurp|DuckDuckBot|baiduspider|yandex|sogou|bitlybot|tumblr',
    'vkShare|quora link preview|redditbot|ia_archiver|Bingbot|BingPreview|applebot|facebookexternalhit',
    'facebookcatalog|Twitterbot|LinkedInBot|Slackbot|Discordbot|WhatsApp|SkypeUriPreview|Yeti|googleweblight',
    'meta-externalagent|meta-externalfetcher|Pinterest|TelegramBot',
  ].join('|'),
  'i',
)

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Tests build into their own folder so they never overwrite the build `npm run demo` serves.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // `npm run build:standalone` (lib/server/standalone.mjs): a folder a plain server runs with Node alone.
  ...(process.env.BUILD_STANDALONE === '1' ? { output: 'standalone' } : {}),
  deploymentId: deployment,
  // Instances built apart from one commit agree on the build id (Next's default is random).
  ...(deployment ? { generateBuildId: () => deployment } : {}),
  htmlLimitedBots: HTML_LIMITED_BOTS,
  // The production server keeps finished answers in its front cache (lib/server/front-cache.ts);
  // Next's own in-memory copy of its ISR entries (50 MB per process by default) would hold the
  // same pages a second time. Next reads them from its disk cache on a front-cache miss instead.
  cacheMaxMemorySize: 0,
  // Pages show images at the sizes made when they were stored (lib/media/image-sizes.ts), from
  // storage's own address: Next's optimizer, which resizes on a visitor's request (and is billed
  // per image on Vercel), stays off, and its /_next/image address answers 404.
  images: { unoptimized: true },
  reactStrictMode: true,
  // PGlite loads its WebAssembly and data files from its own package folder at run time.
  serverExternalPackages: ['@electric-sql/pglite'],
  // The readiness check compares the database with prisma/migrations, which it reads at run time:
  // a Vercel function gets only the files traced into it.
  outputFileTracingIncludes: { '/api/ready': ['./prisma/migrations/**/*.sql'] },
  experimental: {
    // `next build` must not reach the network (it cannot on our machines).
    agentUpgrade: false,
  },
  async headers() {
    return [
      ...nextConfigSecurityHeaders(),
      // The site's icon, asked on every page view: Next sends it as `max-age=0, must-revalidate`
      // (its address has no hash), which no cache may keep. A day in shared caches (the front
      // cache, a CDN), an hour in browsers: a new icon shows within a day.
      {
        source: '/icon.svg',
        headers: [
          { key: 'Cache-Control', value: 'public, max-age=3600, s-maxage=86400, stale-while-revalidate=604800' },
        ],
      },
    ]
  },
  async rewrites() {
    // The landing page lives in a dynamic segment so that `next build` does not prerender it
    // (the build has no database); it renders on first request and is then served by ISR.
    // See docs/decisions/003-isr-without-build-time-data.md.
    // The legal pages likewise: one dynamic segment behind their short German addresses.
    return [
      { source: '/', destination: '/landing/current' },
      { source: '/:page(impressum|datenschutz)', destination: '/legal/:page' },
    ]
  },
}

export default nextConfig
