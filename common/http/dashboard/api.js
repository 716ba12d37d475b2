// Calls of the REST API with the session cookie; requests that change anything carry the
// session's CSRF token.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function csrfToken() {
  const found = document.cookie.split('; ').find((pair) => pair.startsWith('thaksa_csrf='));
  return found ? found.substring('thaksa_csrf='.length) : '';
}

async function call(method, path, headers = {}) {
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken();
  const response = await fetch(path, { method, headers, credentials: 'same-origin' });
  if (response.status === 204) return null;
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new ApiError(response.status, (body.error && body.error.message) || response.statusText);
  }
  return body;
}

// GET `path` with `params` (arrays repeat the parameter; empty values are left out).
export function get(path, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const one of [].concat(value)) {
      if (one !== '' && one !== undefined && one !== null) query.append(name, one);
    }
  }
  const text = query.toString();
  return call('GET', text ? `${path}?${text}` : path);
}

// The URL of a GET with `params`, for links (CSV exports).
export function url(path, params) {
  return `${path}?${new URLSearchParams(params).toString()}`;
}

export function signIn(token) {
  return call('POST', '/session', { Authorization: `Bearer ${token.trim()}` });
}

export function signOut() {
  return call('DELETE', '/session');
}
