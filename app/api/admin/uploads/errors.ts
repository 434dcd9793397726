import { jsonError } from '@/lib/http/responses'
import { UploadError } from '@/lib/media/uploads'

/** An upload refused for a reason the editor can act on → its status and message; anything else is a bug. */
export function uploadErrorResponse(error: unknown): Response {
  if (error instanceof UploadError) return jsonError(error.status, error.message)
  throw error
}
