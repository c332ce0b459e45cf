// The public REST API, same origin: the browser adds the credentials it has (Basic prompt or cookie).
// X-Requested-By satisfies the server's CSRF protection, which a cross-site form cannot send.

const HEADERS = { Accept: 'application/json', 'X-Requested-By': 'livy-web-ui' };

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function request(method, path) {
  // From the origin, which never carries a user and password even when the page's address does.
  const response = await fetch(new URL(path, window.location.origin),
    { method, headers: HEADERS, credentials: 'same-origin' });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const reason = body && typeof body.msg === 'string' ? body.msg : response.statusText;
    throw new ApiError(response.status, `${response.status}: ${reason}`);
  }
  return body;
}

export const getJson = (path) => request('GET', path);
export const remove = (path) => request('DELETE', path);

/** A path with its query, every value encoded. */
export function path(base, query = {}) {
  const parameters = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) {
      parameters.set(name, String(value));
    }
  }
  const text = parameters.toString();
  return text ? `${base}?${text}` : base;
}
