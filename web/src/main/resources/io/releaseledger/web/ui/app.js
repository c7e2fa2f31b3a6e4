// The console's router: the part after '#' picks the view, so every link is relative and
// the page works wherever the host mounts it (Jenkins, the CLI's `serve`).
import { el, link, problem, replace } from './dom.js';
import { showDashboard } from './dashboard.js';
import { showHistory } from './history.js';
import { showRelease } from './timeline.js';

const main = document.getElementById('rl-main');
const crumbs = document.getElementById('rl-crumbs');

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

async function render() {
  const { path, params } = currentRoute();
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  main.setAttribute('aria-busy', 'true');
  try {
    if (parts.length === 0) {
      setCrumbs([]);
      document.title = 'Releases';
      await showDashboard(main);
    } else if (parts[0] === 'environments' && parts.length === 2) {
      setCrumbs([[parts[1]]]);
      document.title = `${parts[1]} history · Releases`;
      await showHistory(main, parts[1], params);
    } else if (parts[0] === 'releases' && parts.length === 2) {
      setCrumbs([[`Release ${parts[1]}`]]);
      document.title = `Release ${parts[1]} · Releases`;
      await showRelease(main, parts[1], setCrumbs);
    } else {
      setCrumbs([['Not found']]);
      replace(main, problem(`there is no view at ${path}`));
    }
  } catch (e) {
    replace(main, problem(e.message));
  } finally {
    main.setAttribute('aria-busy', 'false');
    main.dataset.loaded = path;
  }
}

window.addEventListener('hashchange', render);
render();
