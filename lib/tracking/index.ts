// This process's Conversions API queue, when the settings name a pixel and a token; else null.
import { settings } from '@/lib/env'
import { ConversionsQueue } from './conversions-api'

let queue: ConversionsQueue | null | undefined

export function conversionsQueue(): ConversionsQueue | null {
  if (queue === undefined) {
    const { META_PIXEL_ID, META_CAPI_ACCESS_TOKEN, META_GRAPH_API_URL, META_TEST_EVENT_CODE } = settings()
    queue =
      META_PIXEL_ID && META_CAPI_ACCESS_TOKEN
        ? new ConversionsQueue({
            graphUrl: META_GRAPH_API_URL,
            pixelId: META_PIXEL_ID,
            accessToken: META_CAPI_ACCESS_TOKEN,
            testEventCode: META_TEST_EVENT_CODE,
          })
        : null
  }
  return queue
}

/** For tests that change the settings between cases. */
export function resetConversionsQueueForTests(): void {
  queue = undefined
}
