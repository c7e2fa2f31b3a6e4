// The console's router: the part after '#' picks the view, so every link is relative and
// the page works wherever the host mounts it (Jenkins, the CLI's `serve`).
//
// The view's title and breadcrumbs go where the page says (data-title-target, data-crumbs-target): the console's
// own header when it stands alone, the host's app bar and breadcrumb bar inside Jenkins.
//
// The dashboard, and a release's page while the release is in flight, refresh themselves every
// data-refresh-seconds (10 by default, 0 for never) while the tab is visible: an incident responder
// watching a rollback should not have to reload. A view is redrawn only when its data changed, and a
// failed refresh keeps what is shown and says since when it is stale.
import { append, el, link, problem, replace } from './dom.js';
import { drawDashboard, loadDashboard } from './dashboard.js';
import { showHistory } from './history.js';
import { absolute, refreshTimes } from './time.js';
import { drawRelease, loadRelease, releaseInFlight } from './timeline.js';

const root = document.getElementById('release-ledger');
const main = document.getElementById('rl-main');
const titleTarget = document.querySelector(root?.dataset.titleTarget || '#rl-title');
const crumbsTarget = document.querySelector(root?.dataset.crumbsTarget || '#rl-crumbs');
const status = statusLine();
/** What the host adds to the page's title ("Releases [Jenkins]": " [Jenkins]"), kept on every view's title. */
const titleSuffix = document.title.startsWith('Releases') ? document.title.slice('Releases'.length) : '';

/** What a view draws into: its main area, its title and the breadcrumbs after the console's root. */
const frame = { main, title: setTitle, crumbs: setCrumbs };

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

/**
 * Sets the breadcrumbs after the page's own (the console's "Releases", or Jenkins' "Dashboard › Releases"): each entry
 * is [label, route] or [label] for the current view. Only the items the console added are replaced.
 */
function setCrumbs(entries) {
  if (!crumbsTarget) return;
  crumbsTarget.querySelectorAll('[data-rl-crumb]').forEach((item) => item.remove());
  const itemClass = root?.dataset.crumbClass || null;
  append(crumbsTarget, entries.map(([label, route]) => el('li', { class: itemClass, 'data-rl-crumb': true,
    'aria-current': route ? null : 'page' }, route ? link(route, label) : el('span', { text: label }))));
}

/** Sets the view's heading (nodes and strings) and the document's title from its text. */
function setTitle(...parts) {
  if (titleTarget) replace(titleTarget, parts);
  const text = titleTarget ? titleTarget.textContent.trim() : parts.filter((p) => typeof p === 'string').join('');
  document.title = (text === 'Releases' ? text : `${text} · Releases`) + titleSuffix;
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
    return { load: loadDashboard, draw: (data) => drawDashboard(frame, data), changing: () => true };
  }
  if (parts[0] === 'releases' && parts.length === 2) {
    return { load: () => loadRelease(parts[1]), draw: (data) => drawRelease(frame, data), changing: releaseInFlight };
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
      setTitle('Releases');
    } else if (parts[0] === 'environments' && parts.length === 2) {
      setCrumbs([[parts[1]]]);
      setTitle('History of ', el('span', { text: parts[1] }));
      await showHistory(frame, parts[1], params);
      if (render === live.render) drawn(path, null);
    } else if (parts[0] === 'releases' && parts.length === 2) {
      setCrumbs([[`Release ${parts[1]}`]]);
      setTitle(`Release ${parts[1]}`);
    } else {
      setCrumbs([['Not found']]);
      setTitle('Not found');
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
