// The local driver's upload target: PUT the file's bytes here (what a presigned S3 URL is for the
// bucket). Editors only, and only to a ticket of their own.
import type { NextRequest } from 'next/server'
import { requireEditorRequest } from '@/lib/auth/guard'
import { receiveLocalUpload } from '@/lib/media/uploads'
import { uploadErrorResponse } from '../errors'
import { withOutageAnswer } from '@/lib/http/responses'

export const PUT = withOutageAnswer(async (request: NextRequest, { params }: { params: Promise<{ id: string }> }) => {
  const editor = await requireEditorRequest(request)
  if (editor instanceof Response) return editor
  try {
    await receiveLocalUpload((await params).id, request.body, editor)
    return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } })
  } catch (error) {
    return uploadErrorResponse(error)
  }
})
