import 'server-only'
// Records an editor picks in a form (an image, an idol, an outfit) may be deleted by someone else
// before the form is saved: these checks name the field and say what happened.
import { prisma } from '@/lib/db/client'
import { mediaExists } from './media'
import type { FieldErrors } from './editing'

type Choice = { field: string; id: string | null }

/** What an editor is told when something they chose was deleted meanwhile. */
export const CHOICE_GONE = {
  media: 'That image is no longer in the library: choose another.',
  idol: 'That idol no longer exists: choose another.',
  outfit: 'That outfit no longer exists: choose another.',
} as const

/** Field errors for chosen images, idols and outfits that are not (or no longer) stored. */
export async function missingChoices({
  media = [],
  idols = [],
  outfits = [],
}: {
  media?: Choice[]
  idols?: Choice[]
  outfits?: Choice[]
}): Promise<FieldErrors> {
  const fields: FieldErrors = {}
  for (const { field, id } of media) if (id && !(await mediaExists(id))) fields[field] = CHOICE_GONE.media
  for (const { field, id } of idols)
    if (id && (await prisma().idol.count({ where: { id } })) === 0) fields[field] = CHOICE_GONE.idol
  for (const { field, id } of outfits)
    if (id && (await prisma().outfit.count({ where: { id } })) === 0) fields[field] = CHOICE_GONE.outfit
  return fields
}
