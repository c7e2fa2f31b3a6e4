// The dashboard: every environment in promotion order with what is live and what is happening.
import { getJson } from './api.js';
import { badge, digest, el, link, replace, table } from './dom.js';
import { timeElement } from './time.js';

/** The dashboard's data: every environment's live, in-flight and last releases. */
export function loadDashboard() {
  return getJson('dashboard');
}

/** Draws the dashboard into `frame` (its main area and title, see app.js). */
export function drawDashboard(frame, data) {
  const rows = data.environments.map(environmentRow);
  frame.title('Releases');
  replace(frame.main,
    data.environments.length === 0
      ? el('p', { class: 'rl-muted', text: 'No environment is defined in the ledger yet.' })
      : table('Environments in promotion order', ['Environment', 'Live', 'State', 'Health',
        'Pending approvals', 'In flight', 'Drift'], rows, 'rl-dashboard'));
}

function environmentRow(env) {
  return el('tr', { 'data-environment': env.name },
    el('th', { scope: 'row' }, link('/environments/' + encodeURIComponent(env.name), env.name)),
    el('td', { class: 'rl-live' }, live(env)),
    el('td', {}, badge(env.state), env.degraded ? el('div', { class: 'rl-reason', text: env.degradedReason || 'degraded' }) : null),
    el('td', {}, health(env.health)),
    el('td', {}, approvals(env)),
    el('td', {}, inFlight(env)),
    el('td', {}, drift(env.drift)));
}

function live(env) {
  const parts = [];
  if (env.live) {
    const r = env.live;
    parts.push(el('div', {}, link('/releases/' + r.id, el('span', { class: 'rl-artifact', text: r.artifact }), ' ',
      el('strong', { class: 'rl-version', text: r.version }))),
    el('div', { class: 'rl-small' }, digest(r.digest), ' live ', timeElement(r.liveAt)));
  } else {
    parts.push(el('span', { class: 'rl-muted', text: 'nothing live yet' }));
  }
  if (env.lastAttempt) {
    const r = env.lastAttempt;
    parts.push(el('div', { class: 'rl-small rl-last' }, 'last attempt: ',
      link('/releases/' + r.id, `${r.artifact} ${r.version}`), ' ', badge(r.state)));
  }
  return parts;
}

function health(h) {
  if (!h) return el('span', { class: 'rl-muted', text: '—' });
  if (h.samples === 0) return el('span', { class: 'rl-muted', text: 'no samples (verified by the deploy alone)' });
  return [
    el('span', { class: 'rl-outcome rl-outcome-' + String(h.lastOutcome).toLowerCase(), text: h.lastOutcome }),
    el('div', { class: 'rl-small', text: `${h.healthy} healthy, ${h.unhealthy} unhealthy, ${h.inconclusive} inconclusive` }),
    el('div', { class: 'rl-small' }, 'last sample ', timeElement(h.lastSampleAt)),
  ];
}

function approvals(env) {
  if (env.pendingApprovalCount === 0) return el('span', { class: 'rl-muted', text: 'none' });
  return el('ul', { class: 'rl-list' }, env.pendingApprovals.map((r) => el('li', {},
    link('/releases/' + r.id, `${r.artifact} ${r.version}`), ' by ', el('span', { text: r.initiator }))));
}

function inFlight(env) {
  const moving = env.inFlight.filter((r) => r.state !== 'AWAITING_APPROVAL');
  if (moving.length === 0) return el('span', { class: 'rl-muted', text: 'none' });
  return el('ul', { class: 'rl-list' }, moving.map((r) => el('li', {},
    link('/releases/' + r.id, `${r.artifact} ${r.version}`), ' ', badge(r.state))));
}

function drift(d) {
  if (!d) return el('span', { class: 'rl-muted', text: 'first in order' });
  if (!d.differs) return el('span', { class: 'rl-drift-none', text: `same as ${d.comparedWith}` });
  const theirs = d.previousLive ? `${d.previousLive.artifact} ${d.previousLive.version}` : 'nothing';
  if (!d.sameArtifact) {
    return [el('span', { class: 'rl-drift rl-drift-unknown', text: `another artifact than ${d.comparedWith}` }),
      el('div', { class: 'rl-small', text: `${d.comparedWith} runs ${theirs}` })];
  }
  const words = {
    previous: `behind ${d.comparedWith}`,
    this: `ahead of ${d.comparedWith}`,
    unknown: `differs from ${d.comparedWith}`,
  }[d.newer] || `differs from ${d.comparedWith}`;
  return [el('span', { class: 'rl-drift rl-drift-' + d.newer, text: words }),
    el('div', { class: 'rl-small', text: `${d.comparedWith} runs ${theirs}` })];
}
