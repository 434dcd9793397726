// Where an image's own bytes end, read from its container's structure (never by searching for a
// marker: an end marker can appear inside a thumbnail or a compressed stream). Whatever follows is
// not part of the picture: a phone's trailer (motion photos, MPF secondary images) or a payload
// appended to make a polyglot (an HTML page, a ZIP or PDF whose directory is read from the end).
// checkImage keeps only the bytes up to this end; see there for why they are cut, not refused.
import type { ImageType } from './image-check'

/** The offset just past the image's end, or null when the structure stops before its end (truncated). */
export function imageEnd(body: Buffer, mime: ImageType): number | null {
  switch (mime) {
    case 'image/png':
      return pngEnd(body)
    case 'image/jpeg':
      return jpegEnd(body)
    case 'image/webp':
      return webpEnd(body)
    case 'image/avif':
      return isoBoxesEnd(body)
  }
}

/** PNG: chunks (length, type, data, CRC) after the 8-byte signature, up to and including IEND. */
function pngEnd(body: Buffer): number | null {
  let offset = 8
  while (offset + 12 <= body.length) {
    const next = offset + 12 + body.readUInt32BE(offset)
    if (next > body.length) return null
    if (body.toString('latin1', offset + 4, offset + 8) === 'IEND') return next
    offset = next
  }
  return null
}

const isRestart = (marker: number) => marker >= 0xd0 && marker <= 0xd7

/**
 * JPEG: segments (0xFF, marker, 16-bit length) from SOI to EOI. After each start of scan (SOS)
 * comes entropy-coded data, where 0xFF is followed by 0x00 (a stuffed byte) or a restart marker;
 * any other marker ends the scan. Progressive files have several scans, so this walks to the EOI
 * that ends the frame; a thumbnail's own SOI…EOI lies inside an APP segment and is skipped whole.
 */
function jpegEnd(body: Buffer): number | null {
  let offset = 2 // after SOI
  while (offset + 2 <= body.length) {
    if (body[offset] !== 0xff) return null
    const marker = body[offset + 1]!
    if (marker === 0xff) {
      offset += 1 // fill byte before a marker
      continue
    }
    if (marker === 0xd9) return offset + 2 // EOI
    if (isRestart(marker) || marker === 0x01) {
      offset += 2 // markers without a length
      continue
    }
    if (offset + 4 > body.length) return null
    const length = body.readUInt16BE(offset + 2)
    if (length < 2) return null
    offset += 2 + length
    if (offset > body.length) return null
    if (marker === 0xda) {
      // Skip the scan's entropy-coded data, up to the next real marker.
      for (;;) {
        offset = body.indexOf(0xff, offset)
        if (offset < 0 || offset + 1 >= body.length) return null
        const following = body[offset + 1]!
        if (following !== 0x00 && !isRestart(following)) break
        offset += 2
      }
    }
  }
  return null
}

/** WebP: a RIFF file, whose header gives its length (padded to an even number of bytes). */
function webpEnd(body: Buffer): number | null {
  const size = body.readUInt32LE(4)
  const end = 8 + size + (size % 2)
  return end <= body.length ? end : null
}

/**
 * AVIF: ISO base media boxes (32-bit size and type; size 1 means a 64-bit size follows, 0 means
 * "to the end of the file"), up to the last whole box. Bytes that cannot be a whole box are cut; a
 * truncated file loses its incomplete last box (the image data) and then fails to decode.
 */
function isoBoxesEnd(body: Buffer): number | null {
  let offset = 0
  while (offset + 8 <= body.length) {
    let size = body.readUInt32BE(offset)
    if (size === 0) return body.length
    if (size === 1) {
      if (offset + 16 > body.length) break
      size = Number(body.readBigUInt64BE(offset + 8))
      if (size < 16) break
    } else if (size < 8) break
    if (offset + size > body.length) break
    offset += size
  }
  return offset > 0 ? offset : null
}
