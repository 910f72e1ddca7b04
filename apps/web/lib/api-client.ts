/** Browser-side calls to /api/v1; an error answer becomes an ApiError carrying the server's message and fields. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(`/api/v1${path}`, {
    method: init.method ?? "GET",
    headers: init.body === undefined ? {} : { "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  }).catch(() => {
    // No answer at all (web restarting, network down): the browser's own text ("Failed to fetch") tells a person
    // nothing they can act on.
    throw new ApiError(0, "Berth did not answer; try again in a moment.");
  });
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const error = data?.error ?? {};
    throw new ApiError(response.status, error.message ?? `Request failed (${response.status}).`, error.fields);
  }
  return data as T;
}
