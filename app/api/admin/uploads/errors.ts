import { jsonError } from '@/lib/http/responses'
import { UploadError } from '@/lib/media/uploads'

/**
 * An upload refused for a reason the editor can act on → its status and message, with Retry-After
 * when storage cannot be reached (503: an outage to wait out, not a bug); anything else is a bug.
 */
export function uploadErrorResponse(error: unknown): Response {
  if (!(error instanceof UploadError)) throw error
  const retry: HeadersInit = error.retryAfterSeconds ? { 'Retry-After': String(error.retryAfterSeconds) } : {}
  return jsonError(error.status, error.message, {}, retry)
}
