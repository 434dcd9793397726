// SWR's fetcher for our JSON APIs: a non-2xx answer becomes an error carrying the API's message.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message)
  }
}

export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, {
    ...init,
    headers: {
      Accept: 'application/json',
      ...(init?.body ? { 'Content-Type': 'application/json' } : {}),
      ...init?.headers,
    },
  })
  const body = (await response.json().catch(() => ({}))) as { error?: string; fields?: Record<string, string> }
  if (!response.ok)
    throw new ApiError(response.status, body.error ?? `Request failed (${response.status})`, body.fields)
  return body as T
}
