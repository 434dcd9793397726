// Debian's Chromium driven by playwright-core. Without Chromium the browser tests are skipped
// locally, but CI (CI=true) must have it: there, a missing browser fails the run.
import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { ROOT } from './test-env'
import type { RunningServer } from './next-server'

/** What a suite registered from a test file gets: that file's server, and its browser when Chromium is here. */
export type SuiteContext = () => { server: RunningServer; browser: Browser | undefined }

/** A phone in Facebook's in-app browser, the campaign's usual visitor: its user agent and its screen. */
export const IN_APP_PHONE_AGENT =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/490.0.0]'
export const PHONE_SCREEN = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const SCREENSHOTS = path.join(ROOT, 'test-output/screenshots')

export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true
  if (process.env.CI)
    throw new Error(`Chromium is required in CI but ${CHROMIUM_PATH} does not exist (apt-get install -y chromium).`)
  return false
}

/**
 * Chromium, watching every page it opens for Content-Security-Policy violations: a page whose own
 * scripts the policy blocks is broken, so closing the browser fails the test file, naming them.
 */
export async function launchBrowser(): Promise<Browser> {
  await mkdir(SCREENSHOTS, { recursive: true })
  const browser = await startChromium()
  const violations: string[] = []
  const watched = new WeakSet<Page>()
  const watch = (page: Page) => {
    if (watched.has(page)) return
    watched.add(page)
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`)
    })
  }
  const newContext = browser.newContext.bind(browser)
  browser.newContext = async (...args) => {
    const context = await newContext(...args)
    context.on('page', watch)
    return context
  }
  const newPage = browser.newPage.bind(browser)
  browser.newPage = async (...args) => {
    const page = await newPage(...args)
    watch(page)
    return page
  }
  const close = browser.close.bind(browser)
  browser.close = async (...args) => {
    await close(...args)
    if (violations.length > 0)
      throw new Error(`Content-Security-Policy violations in the browser:\n${violations.join('\n')}`)
  }
  return browser
}

function startChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}

/**
 * Opens a URL and lets it settle: loaded, then (best effort) a quiet network so React has hydrated.
 * Never waits forever on 'networkidle', which link prefetching can postpone on a busy machine.
 */
export async function settle(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load' })
  await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined)
}

/**
 * Scrolls through the page so its lazy images start loading, waits for them (best effort: the
 * caller checks what it needs) and scrolls back to the top.
 */
export async function loadLazyImages(page: Page, timeout = 30_000): Promise<void> {
  await page.evaluate(async () => {
    const pause = () => new Promise((resolve) => setTimeout(resolve, 50))
    for (let y = 0; y < document.body.scrollHeight; y += 600) {
      window.scrollTo(0, y)
      await pause()
    }
    // Strips that scroll sideways (the idols on a phone), as a visitor swipes through them.
    for (const strip of document.querySelectorAll('ul, div')) {
      if (strip.scrollWidth <= strip.clientWidth + 1 || getComputedStyle(strip).overflowX !== 'auto') continue
      strip.scrollIntoView()
      for (let x = 0; x < strip.scrollWidth; x += 300) {
        strip.scrollLeft = x
        await pause()
      }
      strip.scrollLeft = 0
    }
  })
  await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined)
  await page
    .waitForFunction(() => [...document.images].every((img) => img.complete && img.naturalWidth > 0), null, { timeout })
    .catch(() => undefined)
  await page.evaluate(() => window.scrollTo(0, 0))
}
