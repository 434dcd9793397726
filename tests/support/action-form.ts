// A server action's form, posted the way React's client posts it, and the form state it answers:
// for tests that save through the admin's own actions without a browser (many saves, or precise
// timing).
import { buildActions } from './admin-routes'

/** The outfit edit form's save action, by its exported name and its file. */
export const OUTFIT_SAVE_ACTION = ['saveOutfitAction', 'app/admin/outfits/[id]/actions.ts'] as const

/**
 * The outfit edit form's fields other than the title, the description and the version, as the form
 * sends them back when the editor leaves them alone.
 */
export function unchangedOutfitFields(outfit: {
  id: string
  published: boolean
  featured: boolean
  publishedAt: Date | null
  idolId: string
  coverId: string | null
}): Record<string, string> {
  return {
    id: outfit.id,
    ...(outfit.published ? { published: 'on' } : {}),
    ...(outfit.featured ? { featured: 'on' } : {}),
    publishedAt: outfit.publishedAt?.toISOString() ?? '',
    idolId: outfit.idolId,
    coverId: outfit.coverId ?? '',
  }
}

/** An action's id in the build's manifest, by its exported name and its file. */
export async function actionIdOf(exportedName: string, filename: string): Promise<string> {
  const found = (await buildActions()).find(
    ([, action]) => action.exportedName === exportedName && action.filename === filename,
  )
  if (!found) throw new Error(`${exportedName} (${filename}) is not in the build's action manifest.`)
  return found[0]
}

/**
 * The form as React's client sends it (encodeReply): the form's fields as "_1_<name>", then the
 * arguments (previous state, the form data referenced as "$K1") as JSON in part "0" — last,
 * because the server decodes the arguments as soon as that part arrives.
 */
export function actionForm(actionId: string, origin: string, cookie: string, fields: Record<string, string>) {
  const body = new FormData()
  for (const [name, value] of Object.entries(fields)) body.set(`_1_${name}`, value)
  body.set('0', JSON.stringify([{}, '$K1']))
  return { headers: { 'Next-Action': actionId, Accept: 'text/x-component', Origin: origin, cookie }, body }
}

/** The form state in an action's Flight answer: the row that is an object with a message or an error. */
export function formStateOf<State extends { message?: string; error?: string }>(flight: string): State | null {
  for (const line of flight.split('\n')) {
    const row = /^[0-9a-f]+:(\{.*\})$/.exec(line)
    if (!row) continue
    try {
      const parsed = JSON.parse(row[1]!) as State
      if ('message' in parsed || 'error' in parsed) return parsed
    } catch {
      // another kind of row
    }
  }
  return null
}

/** Text as React wrote it into HTML, read back. */
export const unescapeHtml = (html: string) =>
  html
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#x27;', "'")
    .replaceAll('&amp;', '&')
