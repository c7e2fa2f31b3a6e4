// Reading the JSON API, relative to the page so the console works under any mount point.

const root = document.getElementById('release-ledger');
const base = new URL(root?.dataset.api || 'api/', document.baseURI);

/** GETs `path` under the API with the given parameters (empty ones left out); rejects with the server's message. */
export async function getJson(path, params = {}) {
  const url = new URL(path, base);
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') url.searchParams.set(name, String(value));
  }
  const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
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

/** The page size configured on the page (data-page-size), 50 by default. */
export function pageSize() {
  const n = Number.parseInt(root?.dataset.pageSize ?? '', 10);
  return Number.isInteger(n) && n > 0 && n <= 500 ? n : 50;
}
