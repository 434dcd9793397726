// Finishes an upload: POST {alt} → the checked image's media row (201, or 200 when the same image
// was already in the library), or a 4xx saying why it was refused — with nothing left behind.
import type { NextRequest } from 'next/server'
import { requireEditorRequest } from '@/lib/auth/guard'
import { fieldErrors, jsonError, NO_STORE, readJson, withOutageAnswer } from '@/lib/http/responses'
import { completeUpload, completeUploadSchema } from '@/lib/media/uploads'
import { uploadErrorResponse } from '../../errors'

export const POST = withOutageAnswer(async (request: NextRequest, { params }: { params: Promise<{ id: string }> }) => {
  const editor = await requireEditorRequest(request)
  if (editor instanceof Response) return editor
  const parsed = completeUploadSchema.safeParse((await readJson(request)) ?? {})
  if (!parsed.success)
    return jsonError(400, 'The alt text was not accepted.', { fields: fieldErrors(parsed.error.issues) })
  try {
    const result = await completeUpload((await params).id, parsed.data, editor)
    return Response.json(result, { status: result.created ? 201 : 200, headers: NO_STORE })
  } catch (error) {
    return uploadErrorResponse(error)
  }
})
