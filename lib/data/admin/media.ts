import 'server-only'
// The media library as editors see it: every stored image, where it is used, its alt text.
// Rows are created only by the upload flow (lib/media/uploads.ts) once the object is verified.
import { z } from 'zod'
import { prisma } from '@/lib/db/client'
import { mediaStorage } from '@/lib/storage'

/** What a picker shows for one image. */
export type MediaChoice = { id: string; url: string; width: number; height: number; alt: string }

const choiceSelect = { id: true, key: true, width: true, height: true, alt: true } as const

function toChoice(row: { id: string; key: string; width: number; height: number; alt: string }): MediaChoice {
  return { id: row.id, url: mediaStorage().publicUrl(row.key), width: row.width, height: row.height, alt: row.alt }
}

/**
 * Images to pick from in a form: the newest ones, plus the currently chosen one (which may be
 * older), so a form always shows what it holds.
 */
export async function listMediaChoices(currentId?: string | null, limit = 60): Promise<MediaChoice[]> {
  const rows = await prisma().media.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], take: limit, select: choiceSelect })
  if (currentId && !rows.some((row) => row.id === currentId)) {
    const current = await prisma().media.findUnique({ where: { id: currentId }, select: choiceSelect })
    if (current) rows.unshift(current)
  }
  return rows.map(toChoice)
}

/** A media id from a form: empty means none; otherwise it must name a stored image. */
export const optionalMediaId = z
  .string()
  .trim()
  .max(40)
  .transform((value) => value || null)

export async function mediaExists(id: string): Promise<boolean> {
  return (await prisma().media.count({ where: { id } })) === 1
}
