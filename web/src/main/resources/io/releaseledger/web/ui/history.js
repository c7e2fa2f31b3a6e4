// An environment's history, newest first, paged by keyset: "Older" asks for releases before the
// last id shown; "Newer" walks back through the pages this tab has seen.
import { getJson, pageSize } from './api.js';
import { badge, digest, el, link, replace, table } from './dom.js';
import { timeElement } from './time.js';

const STATES = ['REQUESTED', 'AWAITING_APPROVAL', 'APPROVED', 'REJECTED', 'APPROVAL_TIMED_OUT', 'DEPLOYING',
  'DEPLOY_FAILED', 'VERIFYING', 'UNHEALTHY', 'LIVE', 'SUPERSEDED', 'ROLLING_BACK', 'ROLLED_BACK', 'ROLLBACK_FAILED',
  'ABORTED', 'INTERRUPTED'];

/** Buttons carry Jenkins' class too: inside Jenkins they look like its own; alone, the console's stylesheet styles them. */
const BUTTON = 'rl-button jenkins-button';

/** The `before` of each page seen, per environment and filter, so Newer can go back without an offset. */
const trails = new Map();

function route(environment, filter, before) {
  const q = new URLSearchParams();
  if (filter.artifact) q.set('artifact', filter.artifact);
  if (filter.state) q.set('state', filter.state);
  if (before) q.set('before', before);
  const query = q.toString();
  return '/environments/' + encodeURIComponent(environment) + (query ? '?' + query : '');
}

/** Loads and draws one page of `environment`'s history into `frame` (see app.js). */
export async function showHistory(frame, environment, params) {
  const filter = { artifact: params.get('artifact') || '', state: params.get('state') || '' };
  const before = params.get('before') || '';
  const key = JSON.stringify([environment, filter.artifact, filter.state]);
  const trail = trails.get(key) || [];
  trails.set(key, trail);
  if (!before) trail.length = 0;

  const started = performance.now();
  const page = await getJson(`environments/${encodeURIComponent(environment)}/history`,
    { before, limit: pageSize(), artifact: filter.artifact, state: filter.state });
  const loadedMillis = Math.round(performance.now() - started);

  const rows = page.releases.map((r) => el('tr', { 'data-release': r.id },
    el('th', { scope: 'row' }, link('/releases/' + r.id, '#' + r.id)),
    el('td', { text: r.artifact }),
    el('td', { class: 'rl-version', text: r.version }),
    el('td', {}, digest(r.digest)),
    el('td', {}, badge(r.state), r.reason ? el('div', { class: 'rl-reason', text: r.reason }) : null),
    el('td', { text: r.initiator }),
    el('td', {}, timeElement(r.requestedAt)),
    el('td', {}, timeElement(r.liveAt))));

  const pager = (where) => {
    const older = el('button', { type: 'button', class: BUTTON, 'data-action': 'older', disabled: !page.nextBefore }, 'Older');
    const newer = el('button', { type: 'button', class: BUTTON, 'data-action': 'newer', disabled: !before }, 'Newer');
    older.addEventListener('click', () => {
      trail.push(before);
      window.location.hash = route(environment, filter, page.nextBefore);
    });
    newer.addEventListener('click', () => {
      window.location.hash = route(environment, filter, trail.length ? trail.pop() : '');
    });
    return el('nav', { class: 'rl-pager', 'aria-label': `History pages (${where})` }, newer, ' ', older);
  };

  const caption = `Releases in ${environment}, newest first` + (page.releases.length
    ? ` (#${page.releases[0].id} to #${page.releases[page.releases.length - 1].id})` : '');
  frame.title('History of ', el('span', { text: environment }));
  replace(frame.main,
    filterForm(environment, filter),
    pager('top'),
    page.releases.length === 0
      ? el('p', { class: 'rl-muted', text: before ? 'No older releases.' : 'No release matches.' })
      : table(caption, ['Release', 'Artifact', 'Version', 'Digest', 'State', 'Requested by', 'Requested', 'Live since'],
        rows, 'rl-history'),
    pager('bottom'),
    el('p', { class: 'rl-small rl-muted', 'data-load-millis': loadedMillis, text: `Page loaded in ${loadedMillis} ms.` }));
}

function filterForm(environment, filter) {
  const artifact = el('input', { id: 'rl-filter-artifact', class: 'jenkins-input', name: 'artifact', type: 'text', value: filter.artifact,
    autocomplete: 'off', placeholder: 'any', pattern: '[A-Za-z0-9][A-Za-z0-9._/@+\\-]*' });
  const state = el('select', { id: 'rl-filter-state', name: 'state' },
    el('option', { value: '', text: 'any' }),
    STATES.map((s) => el('option', { value: s, selected: s === filter.state, text: s.replace(/_/g, ' ') })));
  const form = el('form', { class: 'rl-filter', role: 'search', 'aria-label': 'Filter the history' },
    el('label', { for: 'rl-filter-artifact', text: 'Artifact' }), artifact,
    el('label', { for: 'rl-filter-state', text: 'State' }), state,
    el('button', { type: 'submit', class: BUTTON, text: 'Filter' }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    window.location.hash = route(environment, { artifact: artifact.value.trim(), state: state.value }, '');
  });
  return form;
}
