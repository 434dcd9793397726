// Starts an upload: POST {name, type, bytes} → where to PUT the file (editors only).
// See lib/media/uploads.ts for the three steps.
import type { NextRequest } from 'next/server'
import { requireEditorRequest } from '@/lib/auth/guard'
import { fieldErrors, jsonError, NO_STORE, readJson, withOutageAnswer } from '@/lib/http/responses'
import { startUpload, startUploadSchema } from '@/lib/media/uploads'
import { uploadErrorResponse } from './errors'

export const POST = withOutageAnswer(async (request: NextRequest) => {
  const editor = await requireEditorRequest(request)
  if (editor instanceof Response) return editor
  const parsed = startUploadSchema.safeParse(await readJson(request))
  if (!parsed.success)
    return jsonError(400, 'Send JSON with the file’s name, type and size in bytes.', {
      fields: fieldErrors(parsed.error.issues),
    })
  try {
    return Response.json(await startUpload(parsed.data, editor), { status: 201, headers: NO_STORE })
  } catch (error) {
    return uploadErrorResponse(error)
  }
})
