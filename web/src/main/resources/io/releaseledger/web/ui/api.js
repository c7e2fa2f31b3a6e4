// Reading the JSON API, relative to the page so the console works under any mount point; and the one POST helper
// a host's own controls use (the console itself only reads).

const root = document.getElementById('release-ledger');
const base = new URL(root?.dataset.api || 'api/', document.baseURI);

/** The body of a JSON answer; rejects with the server's `error` text when it is not a success. */
async function answer(response) {
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    throw new Error(`the server answered ${response.status} without JSON`);
  }
  if (!response.ok) {
    throw new Error(body?.error || `the server answered ${response.status}`);
  }
  return body;
}

/** GETs `path` under the API with the given parameters (empty ones left out); rejects with the server's message. */
export async function getJson(path, params = {}) {
  const url = new URL(path, base);
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') url.searchParams.set(name, String(value));
  }
  return answer(await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' }));
}

/**
 * POSTs `fields` as a form to `url` (resolved against the page) with the host's extra `headers` (Jenkins: its CSRF
 * crumb) and reads the JSON answer; rejects with the server's message.
 */
export async function postForm(url, fields, headers = {}) {
  return answer(await fetch(new URL(url, document.baseURI), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', ...headers },
    credentials: 'same-origin',
    body: new URLSearchParams(fields),
  }));
}

/** The page size configured on the page (data-page-size), 50 by default. */
export function pageSize() {
  const n = Number.parseInt(root?.dataset.pageSize ?? '', 10);
  return Number.isInteger(n) && n > 0 && n <= 500 ? n : 50;
}
