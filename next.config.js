// Next.js settings. Cache numbers live in lib/cache/policy.ts, settings in lib/env.ts.

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Tests build into their own folder so they never overwrite the build `npm run demo` serves.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  reactStrictMode: true,
  // PGlite loads its WebAssembly and data files from its own package folder at run time.
  serverExternalPackages: ['@electric-sql/pglite'],
  experimental: {
    // `next build` must not reach the network (it cannot on our machines).
    agentUpgrade: false,
  },
  async rewrites() {
    // The landing page lives in a dynamic segment so that `next build` does not prerender it
    // (the build has no database); it renders on first request and is then served by ISR.
    // See docs/decisions/003-isr-without-build-time-data.md.
    return [{ source: '/', destination: '/landing/current' }]
  },
}

export default nextConfig
