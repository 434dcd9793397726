// Form fields the admin's schemas share: the same rules and messages for every entity.
import { z } from 'zod'
import { SLUG_MAX_LENGTH, SLUG_PATTERN } from '@/lib/slug'

/** The record and the version the editor started from; added to a schema for saves and deletes. */
export const identity = {
  id: z.string().min(1).max(40),
  version: z.coerce.number().int().positive(),
}
export const versionedRecordSchema = z.object(identity)

export const slugField = z
  .string()
  .trim()
  .min(1, 'Give it a slug: the last part of its address, e.g. mara-quinn.')
  .max(SLUG_MAX_LENGTH, `Slugs are at most ${SLUG_MAX_LENGTH} characters.`)
  .regex(SLUG_PATTERN, 'Use lowercase letters and digits, with single hyphens between words (e.g. mara-quinn).')

/** Order in lists: smaller first. */
export const positionField = z.coerce
  .number({ message: 'Use a whole number, e.g. 10.' })
  .int('Use a whole number, e.g. 10.')
  .min(0, 'Use 0 or more.')
  .max(100_000, 'Use at most 100000.')

/** A chosen record (idol, outfit, image) from a select or picker: empty means none. */
export const optionalChoice = z
  .string()
  .trim()
  .max(40)
  .transform((value) => value || null)

/** Text up to `max` characters, with the form's own message. */
export const textField = (max: number, tooLong: string, { min = 0, required = '' } = {}) =>
  z.string().trim().min(min, required).max(max, tooLong)

/** A date and time (an ISO instant from the admin's date fields, or any date the server can read); empty means none. */
export const optionalDateTimeField = z
  .string()
  .trim()
  .transform((value, context) => {
    if (!value) return null
    const date = new Date(value)
    if (Number.isNaN(date.getTime())) {
      context.addIssue({ code: 'custom', message: 'Use a date and time, e.g. 2026-12-01T09:00.' })
      return z.NEVER
    }
    return date
  })

/** The same, required. */
export const dateTimeField = z
  .string()
  .trim()
  .min(1, 'Give a date and time, e.g. 2026-12-01T09:00.')
  .pipe(optionalDateTimeField)
  .pipe(z.date())
