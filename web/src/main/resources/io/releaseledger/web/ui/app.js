// The console's router: the part after '#' picks the view, so every link is relative and
// the page works wherever the host mounts it (Jenkins, the CLI's `serve`).
//
// The dashboard, and a release's page while the release is in flight, refresh themselves every
// data-refresh-seconds (10 by default, 0 for never) while the tab is visible: an incident responder
// watching a rollback should not have to reload. A view is redrawn only when its data changed, and a
// failed refresh keeps what is shown and says since when it is stale.
import { el, link, problem, replace } from './dom.js';
import { drawDashboard, loadDashboard } from './dashboard.js';
import { showHistory } from './history.js';
import { absolute, refreshTimes } from './time.js';
import { drawRelease, loadRelease, releaseInFlight } from './timeline.js';

const root = document.getElementById('release-ledger');
const main = document.getElementById('rl-main');
const crumbs = document.getElementById('rl-crumbs');
const status = statusLine();

/** The current view's refresh: which render it belongs to, its timer, what was last drawn and when. */
const live = { render: 0, timer: null, view: null, path: null, json: null, loadedAt: null, due: false };

/**
 * Tells the host page what was drawn, so its own controls (Jenkins' Approve / Roll back) follow the view:
 * a `release-ledger:drawn` event on #release-ledger with `{ path, data }` (`data` is the release's JSON on a
 * release's page, the dashboard's on the dashboard, null elsewhere), after each draw and each changed refresh.
 */
function drawn(path, data) {
  root?.dispatchEvent(new CustomEvent('release-ledger:drawn', { detail: { path, data } }));
}

/** Parses "#/environments/production?before=10" into a path and its parameters. */
function currentRoute() {
  const hash = window.location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = hash.split('?', 2);
  return { path, params: new URLSearchParams(query) };
}

/** Sets the breadcrumb trail after "Releases": each entry is [label, route] or [label]. */
function setCrumbs(entries) {
  replace(crumbs, el('li', {}, link('/', 'Releases')),
    entries.map(([label, route]) => el('li', {}, route ? link(route, label) : el('span', { 'aria-current': 'page', text: label }))));
}

/** The polite live region under the breadcrumbs that says when a refresh failed; made here so hosts need not. */
function statusLine() {
  const line = el('p', { id: 'rl-refresh-status', class: 'rl-refresh-status', role: 'status', 'aria-live': 'polite', hidden: true });
  main.before(line);
  return line;
}

function refreshSeconds() {
  const n = Number.parseInt(root?.dataset.refreshSeconds ?? '', 10);
  return Number.isInteger(n) && n >= 0 ? n : 10;
}

/** The views that refresh: how to load their data, draw it, and whether it may still change. */
function refreshingView(parts) {
  if (parts.length === 0) {
    return { load: loadDashboard, draw: (data) => drawDashboard(main, data), changing: () => true };
  }
  if (parts[0] === 'releases' && parts.length === 2) {
    return { load: () => loadRelease(parts[1]), draw: (data) => drawRelease(main, data, setCrumbs), changing: releaseInFlight };
  }
  return null;
}

async function render() {
  const { path, params } = currentRoute();
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const render = ++live.render;
  clearTimeout(live.timer);
  live.view = null;
  live.due = false;
  status.hidden = true;
  main.setAttribute('aria-busy', 'true');
  try {
    const view = refreshingView(parts);
    if (parts.length === 0) {
      setCrumbs([]);
      document.title = 'Releases';
    } else if (parts[0] === 'environments' && parts.length === 2) {
      setCrumbs([[parts[1]]]);
      document.title = `${parts[1]} history · Releases`;
      await showHistory(main, parts[1], params);
      if (render === live.render) drawn(path, null);
    } else if (parts[0] === 'releases' && parts.length === 2) {
      setCrumbs([[`Release ${parts[1]}`]]);
      document.title = `Release ${parts[1]} · Releases`;
    } else {
      setCrumbs([['Not found']]);
      replace(main, problem(`there is no view at ${path}`));
      drawn(path, null);
    }
    if (view) {
      const data = await view.load();
      if (render !== live.render) return; // the reader moved on while this loaded
      view.draw(data);
      drawn(path, data);
      Object.assign(live, { view, path, json: JSON.stringify(data), loadedAt: new Date().toISOString() });
      schedule(render, data);
    }
  } catch (e) {
    replace(main, problem(e.message));
    if (render === live.render) drawn(path, null);
  } finally {
    if (render === live.render) {
      main.setAttribute('aria-busy', 'false');
      main.dataset.loaded = path;
    }
  }
}

function schedule(render, data) {
  const seconds = refreshSeconds();
  if (seconds > 0 && live.view.changing(data)) {
    live.timer = setTimeout(() => refresh(render), seconds * 1000);
  }
}

async function refresh(render) {
  if (render !== live.render || !live.view) return;
  if (document.hidden) {
    live.due = true; // caught up when the tab is shown again
    return;
  }
  let data = null;
  try {
    data = await live.view.load();
  } catch (e) {
    if (render !== live.render) return;
    status.textContent = `Could not refresh: ${e.message}. Showing what was loaded at ${absolute(live.loadedAt)}; trying again.`;
    status.hidden = false;
    live.timer = setTimeout(() => refresh(render), refreshSeconds() * 1000 || 10000);
    return;
  }
  if (render !== live.render) return;
  status.hidden = true;
  live.loadedAt = new Date().toISOString();
  const json = JSON.stringify(data);
  if (json !== live.json) {
    const scrolled = window.scrollY;
    live.view.draw(data);
    drawn(live.path, data);
    window.scrollTo(0, scrolled);
    live.json = json;
    main.dataset.refreshed = live.loadedAt;
  }
  schedule(render, data);
}

document.addEventListener('visibilitychange', () => {
  if (!document.hidden && live.due) {
    live.due = false;
    refresh(live.render);
  }
});
// Relative times ("3 minutes ago") age even when nothing else changes.
setInterval(() => refreshTimes(document), 30000);

window.addEventListener('hashchange', render);
render();
