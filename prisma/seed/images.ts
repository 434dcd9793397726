// Demo images drawn locally as SVG and rasterised with sharp: no network, no stock photos,
// and the same inputs always give the same bytes (so content-addressed keys make the seed
// idempotent). Shapes only: text would need fonts the machine may not have.
import sharp from 'sharp'
import type { Random } from './random'

export type DemoImage = { body: Buffer; mime: 'image/jpeg'; width: number; height: number; alt: string }

const SKIN_TONES = ['#f1d0b5', '#e0ac8a', '#c68863', '#9a6444', '#6f4630', '#f5dcc8']
const HAIR = ['#1d1a19', '#3b2a20', '#6b4a2f', '#b88a4a', '#d9c39a', '#7a2e24']

/**
 * A person as the demo draws them, in what they wear: a top over trousers or a skirt, or a dress;
 * maybe a coat, a hat and a bag (colours; null when not worn). Portraits and idols' own figures
 * wear a top and trousers.
 */
export type Figure = {
  skin: string
  hair: string
  top: string
  bottom: string
  shoes: string
  accent: string
  lower?: 'trousers' | 'skirt' | 'dress'
  coat?: string | null
  hat?: string | null
  bag?: string | null
}

export function randomFigure(random: Random, colors: string[]): Figure {
  return {
    skin: random.pick(SKIN_TONES),
    hair: random.pick(HAIR),
    top: random.pick(colors),
    bottom: random.pick(colors),
    shoes: random.pick(colors),
    accent: random.pick(colors),
  }
}

// Where each kind of piece is on a figure, in the figure's own units (x from its middle, y from the
// top of its head; figureSvg draws to the same numbers): a point well inside the piece's shape.
const PIECE_POINT: Record<string, [number, number]> = {
  Tops: [0, 250],
  Knitwear: [0, 250],
  Dresses: [0, 410],
  Outerwear: [-50, 380],
  Trousers: [-26, 470],
  Skirts: [0, 400],
  Shoes: [-32, 588],
  Bags: [104, 352],
  Accessories: [0, 18],
}

/** Where a piece of this category sits on the outfit cover (drawOutfitCover), as 0–1 fractions. */
export function pieceOnCover(category: string): { hotspotX: number; hotspotY: number } {
  const [fx, fy] = PIECE_POINT[category] ?? [0, 300]
  const { width, height, cx, top, scale } = COVER
  return {
    hotspotX: Number(((cx + fx * scale) / width).toFixed(3)),
    hotspotY: Number(((top + fy * scale) / height).toFixed(3)),
  }
}

function figureSvg(f: Figure, cx: number, top: number, scale: number): string {
  const s = (n: number) => (n * scale).toFixed(1)
  const x = (n: number) => (cx + n * scale).toFixed(1)
  const y = (n: number) => (top + n * scale).toFixed(1)
  const lower = f.lower ?? 'trousers'
  const legs = `
    <rect x="${x(-36)}" y="${y(330)}" width="${s(22)}" height="${s(255)}" fill="${f.skin}"/>
    <rect x="${x(14)}" y="${y(330)}" width="${s(22)}" height="${s(255)}" fill="${f.skin}"/>`
  const trousers = `<path d="M${x(-42)} ${y(330)} L${x(-48)} ${y(585)} L${x(-12)} ${y(585)} L${x(0)} ${y(380)} L${x(12)} ${y(585)} L${x(48)} ${y(585)} L${x(42)} ${y(330)} Z" fill="${f.bottom}"/>`
  // A skirt from the waist to below the knee; a dress is the same shape in the top's colour.
  const skirt = `<path d="M${x(-50)} ${y(318)} L${x(-82)} ${y(470)} L${x(82)} ${y(470)} L${x(50)} ${y(318)} Z" fill="${lower === 'dress' ? f.top : f.bottom}"/>`
  const coat = f.coat
    ? `
    <path d="M${x(-64)} ${y(148)} L${x(-80)} ${y(440)} L${x(-22)} ${y(440)} L${x(-14)} ${y(200)} Z" fill="${f.coat}"/>
    <path d="M${x(64)} ${y(148)} L${x(80)} ${y(440)} L${x(22)} ${y(440)} L${x(14)} ${y(200)} Z" fill="${f.coat}"/>
    <path d="M${x(-60)} ${y(150)} L${x(-96)} ${y(302)} L${x(-74)} ${y(310)} L${x(-46)} ${y(206)} Z" fill="${f.coat}"/>
    <path d="M${x(60)} ${y(150)} L${x(96)} ${y(302)} L${x(74)} ${y(310)} L${x(46)} ${y(206)} Z" fill="${f.coat}"/>`
    : ''
  const hat = f.hat
    ? `
    <ellipse cx="${x(0)}" cy="${y(34)}" rx="${s(66)}" ry="${s(12)}" fill="${f.hat}"/>
    <path d="M${x(-40)} ${y(36)} Q${x(-40)} ${y(-4)} ${x(0)} ${y(-6)} Q${x(40)} ${y(-4)} ${x(40)} ${y(36)} Z" fill="${f.hat}"/>`
    : ''
  const bag = f.bag
    ? `
    <path d="M${x(60)} ${y(160)} L${x(104)} ${y(330)}" stroke="${f.bag}" stroke-width="${s(5)}" fill="none"/>
    <rect x="${x(84)}" y="${y(326)}" width="${s(42)}" height="${s(50)}" rx="${s(6)}" fill="${f.bag}"/>`
    : ''
  return `
  <g>
    <ellipse cx="${x(0)}" cy="${y(600)}" rx="${s(120)}" ry="${s(14)}" fill="#000" opacity="0.12"/>
    ${lower === 'trousers' ? trousers : legs}
    <rect x="${x(-54)}" y="${y(578)}" width="${s(44)}" height="${s(18)}" rx="${s(8)}" fill="${f.shoes}"/>
    <rect x="${x(10)}" y="${y(578)}" width="${s(44)}" height="${s(18)}" rx="${s(8)}" fill="${f.shoes}"/>
    <path d="M${x(-58)} ${y(150)} Q${x(0)} ${y(130)} ${x(58)} ${y(150)} L${x(70)} ${y(340)} L${x(-70)} ${y(340)} Z" fill="${f.top}"/>
    ${lower === 'trousers' ? '' : skirt}
    <path d="M${x(-58)} ${y(152)} L${x(-92)} ${y(300)} L${x(-74)} ${y(306)} L${x(-48)} ${y(200)} Z" fill="${f.top}"/>
    <path d="M${x(58)} ${y(152)} L${x(92)} ${y(300)} L${x(74)} ${y(306)} L${x(48)} ${y(200)} Z" fill="${f.top}"/>
    ${coat}
    <circle cx="${x(-84)}" cy="${y(312)}" r="${s(11)}" fill="${f.skin}"/>
    <circle cx="${x(84)}" cy="${y(312)}" r="${s(11)}" fill="${f.skin}"/>
    ${bag}
    <rect x="${x(-12)}" y="${y(112)}" width="${s(24)}" height="${s(34)}" fill="${f.skin}"/>
    <ellipse cx="${x(0)}" cy="${y(78)}" rx="${s(40)}" ry="${s(48)}" fill="${f.skin}"/>
    <path d="M${x(-44)} ${y(80)} Q${x(-46)} ${y(20)} ${x(0)} ${y(24)} Q${x(46)} ${y(20)} ${x(44)} ${y(80)} Q${x(30)} ${y(46)} ${x(0)} ${y(48)} Q${x(-30)} ${y(46)} ${x(-44)} ${y(80)} Z" fill="${f.hair}"/>
    ${hat}
    <path d="M${x(-58)} ${y(150)} L${x(-20)} ${y(148)} L${x(0)} ${y(190)} L${x(20)} ${y(148)} L${x(58)} ${y(150)}" fill="none" stroke="${f.accent}" stroke-width="${s(6)}"/>
  </g>`
}

function backdrop(width: number, height: number, from: string, to: string, random: Random): string {
  const sunX = random.int(width * 0.15, width * 0.85)
  const sunY = random.int(height * 0.1, height * 0.35)
  return `
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0.4" y2="1">
      <stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/>
    </linearGradient>
  </defs>
  <rect width="${width}" height="${height}" fill="url(#bg)"/>
  <circle cx="${sunX}" cy="${sunY}" r="${random.int(60, 140)}" fill="#fff" opacity="0.18"/>
  <path d="M0 ${height * 0.78} Q${width / 2} ${height * 0.72} ${width} ${height * 0.78} L${width} ${height} L0 ${height} Z" fill="#000" opacity="0.07"/>`
}

async function rasterise(svg: string, width: number, height: number, alt: string): Promise<DemoImage> {
  const body = await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer()
  return { body, mime: 'image/jpeg', width, height, alt }
}

const svgOpen = (w: number, h: number) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">`

export function drawPortrait(figure: Figure, palette: [string, string], random: Random, alt: string) {
  const [w, h] = [800, 1000]
  const svg = `${svgOpen(w, h)}${backdrop(w, h, palette[0], palette[1], random)}${figureSvg(figure, w / 2, 120, 2.1)}</svg>`
  return rasterise(svg, w, h, alt)
}

// An outfit cover's size and where its figure stands (pieceOnCover places hotspots by the same numbers).
const COVER = { width: 1200, height: 1500, cx: 600, top: 130, scale: 2.1 }

export function drawOutfitCover(figure: Figure, palette: [string, string], random: Random, alt: string) {
  const { width: w, height: h, cx, top, scale } = COVER
  const svg = `${svgOpen(w, h)}${backdrop(w, h, palette[0], palette[1], random)}${figureSvg(figure, cx, top, scale)}</svg>`
  return rasterise(svg, w, h, alt)
}

export function drawShot(figure: Figure, palette: [string, string], random: Random, alt: string) {
  const [w, h] = [1200, 900]
  const scale = random.int(100, 125) / 100
  const cx = random.int(380, 820)
  const arches = Array.from({ length: 3 }, (_, i) => {
    const ax = 150 + i * 400
    return `<path d="M${ax} 900 L${ax} 380 Q${ax + 120} 250 ${ax + 240} 380 L${ax + 240} 900 Z" fill="#fff" opacity="0.10"/>`
  }).join('')
  const svg = `${svgOpen(w, h)}${backdrop(w, h, palette[0], palette[1], random)}${arches}${figureSvg(figure, cx, 70, scale)}</svg>`
  return rasterise(svg, w, h, alt)
}

// One silhouette per product category, drawn in a 600×600 box centred at (300, 300).
const GARMENTS: Record<string, (fill: string, detail: string) => string> = {
  Tops: (f, d) =>
    `<path d="M190 150 L250 120 Q300 150 350 120 L410 150 L470 240 L420 270 L400 240 L400 480 L200 480 L200 240 L180 270 L130 240 Z" fill="${f}"/><path d="M250 120 Q300 170 350 120" fill="none" stroke="${d}" stroke-width="6"/>`,
  Knitwear: (f, d) =>
    `<path d="M185 150 L250 118 Q300 150 350 118 L415 150 L480 420 L430 430 L400 260 L400 470 L200 470 L200 260 L170 430 L120 420 Z" fill="${f}"/><path d="M200 450 L400 450 M430 412 L478 402 M122 402 L170 412" stroke="${d}" stroke-width="8" opacity="0.5"/>`,
  Dresses: (f, d) =>
    `<path d="M250 110 L262 110 L270 190 L330 190 L338 110 L350 110 L360 220 L450 500 L150 500 L240 220 Z" fill="${f}"/><path d="M240 250 L360 250" stroke="${d}" stroke-width="8" opacity="0.6"/>`,
  Outerwear: (f, d) =>
    `<path d="M180 140 L255 110 L300 200 L345 110 L420 140 L480 470 L425 480 L410 300 L410 510 L190 510 L190 300 L175 480 L120 470 Z" fill="${f}"/><path d="M300 200 L300 510 M255 110 L290 260 M345 110 L310 260" stroke="${d}" stroke-width="6" fill="none" opacity="0.6"/>`,
  Trousers: (f, d) =>
    `<path d="M215 100 L385 100 L405 500 L320 500 L300 230 L280 500 L195 500 Z" fill="${f}"/><path d="M215 130 L385 130" stroke="${d}" stroke-width="8" opacity="0.5"/>`,
  Skirts: (f, d) =>
    `<path d="M230 160 L370 160 L450 440 L150 440 Z" fill="${f}"/><path d="M230 185 L370 185" stroke="${d}" stroke-width="10" opacity="0.5"/>`,
  Shoes: (f, d) =>
    `<path d="M130 380 L150 280 Q200 270 240 300 L330 340 Q430 350 470 390 L470 420 L130 420 Z" fill="${f}"/><path d="M130 405 L470 405" stroke="${d}" stroke-width="14"/>`,
  Bags: (f, d) =>
    `<path d="M230 220 Q230 120 300 120 Q370 120 370 220" fill="none" stroke="${d}" stroke-width="16"/><rect x="170" y="210" width="260" height="240" rx="24" fill="${f}"/><rect x="280" y="250" width="40" height="24" rx="6" fill="${d}"/>`,
  Accessories: (f, d) =>
    `<ellipse cx="300" cy="360" rx="190" ry="40" fill="${f}"/><path d="M190 360 Q190 190 300 190 Q410 190 410 360 Z" fill="${f}"/><path d="M195 330 Q300 350 405 330" stroke="${d}" stroke-width="14" fill="none"/>`,
}

export const PRODUCT_CATEGORIES = Object.keys(GARMENTS)

export function drawProduct(category: string, fill: string, detail: string, angle: number, alt: string) {
  const [w, h] = [900, 1125]
  const garment = GARMENTS[category]
  if (!garment) throw new Error(`No drawing for category ${category}`)
  // The second and third images of a product show it turned a little, like a second photo.
  const svg = `${svgOpen(w, h)}
    <rect width="${w}" height="${h}" fill="#f3efe9"/>
    <ellipse cx="450" cy="880" rx="250" ry="26" fill="#000" opacity="0.08"/>
    <g transform="translate(150 230) rotate(${angle} 300 300)">${garment(fill, detail)}</g>
  </svg>`
  return rasterise(svg, w, h, alt)
}
