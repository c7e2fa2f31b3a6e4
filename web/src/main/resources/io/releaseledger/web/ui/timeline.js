// One release: what was asked, who approved, what was deployed, every health sample, any rollback.
import { getJson } from './api.js';
import { badge, digest, el, link, replace, table } from './dom.js';
import { timeElement } from './time.js';

/** States in which a release still changes: its page is refreshed while it is in one. */
const IN_FLIGHT = new Set(['REQUESTED', 'AWAITING_APPROVAL', 'APPROVED', 'DEPLOYING', 'VERIFYING', 'ROLLING_BACK']);

/** The release's record, events, approvals, samples and notes. */
export function loadRelease(id) {
  return getJson('releases/' + encodeURIComponent(id));
}

/** Whether the release may still change, so its page is worth refreshing. */
export function releaseInFlight(data) {
  // A release whose owner is gone reads INTERRUPTED until a write records it: that is still to come.
  return IN_FLIGHT.has(data.release.state) || data.release.lostOwner != null;
}

/** Draws the release into `frame`: breadcrumbs, title, and its record (see app.js). */
export function drawRelease(frame, data) {
  const r = data.release;
  frame.crumbs([[r.environment, '/environments/' + encodeURIComponent(r.environment)], [`Release ${r.id}`]]);
  frame.title(`Release ${r.id}: `, el('span', { class: 'rl-artifact', text: r.artifact }), ' ',
    el('span', { class: 'rl-version', text: r.version }), ' in ', el('span', { text: r.environment }));
  replace(frame.main,
    alerts(r),
    summary(data),
    events(data.events),
    approvals(data.approvals),
    samples(data.samples),
    notes(data.releaseNotes));
}

/** What must not be missed, above everything else: a freeze broken on purpose, an owner that is gone. */
function alerts(r) {
  const list = [];
  if (r.freezeOverride) {
    list.push(el('p', { class: 'rl-alert rl-freeze-override', role: 'note' }, overrideWords(r.freezeOverride)));
  }
  if (r.lostOwner) {
    const lost = r.lostOwner;
    const why = lost.ownerExitSeenAt
      ? ['the process holding the lease, ', el('span', { text: lost.leaseHolder }), ', exited (seen ',
        timeElement(lost.ownerExitSeenAt), ').']
      : ['the lease held by ', el('span', { text: lost.leaseHolder }), ' expired ', timeElement(lost.leaseExpiredAt),
        ' without its owner renewing it.'];
    list.push(el('p', { class: 'rl-alert rl-lost-owner', role: 'note' },
      el('strong', { text: 'Interrupted: ' }), why,
      ` The ledger still records ${lost.recordedState}; the next command that writes records it INTERRUPTED.`));
  }
  return list;
}

function overrideWords(f) {
  return [el('strong', { text: 'Freeze overridden: ' }), 'deployed through freeze window ',
    el('code', { text: f.freeze }), f.frozenUntil ? [' (the freeze ends ', timeElement(f.frozenUntil), ')'] : null,
    ' on the emergency override of ', el('span', { class: 'rl-override-by', text: f.by }), ': ',
    el('q', { class: 'rl-override-reason', text: f.reason })];
}

/** The freeze override inside a request's or plan's recorded plan (a JSON string), or null. */
function planOverride(plan) {
  if (typeof plan !== 'string') return null;
  try {
    const parsed = JSON.parse(plan);
    return parsed && parsed.freezeOverride ? parsed.freezeOverride : null;
  } catch (e) {
    return null;
  }
}

function summary(data) {
  const r = data.release;
  const a = data.artifact;
  const rows = [
    ['State', [badge(r.state), r.reason ? el('span', { class: 'rl-reason', text: ' ' + r.reason }) : null]],
    ['Mode', r.mode.toLowerCase()],
    ['Digest', el('code', { class: 'rl-digest-full', text: r.digest })],
    ['Requested by', [el('span', { text: r.initiator }), ' ', timeElement(r.requestedAt)]],
    ['From', el('span', { class: 'rl-origin', text: r.origin })],
    ['Live since', timeElement(r.liveAt)],
  ];
  if (a) {
    rows.push(['Kind', a.kind.toLowerCase().replace(/_/g, ' ')]);
    rows.push(['Location', el('code', { class: 'rl-location', text: a.location ?? '—' })]);
    if (a.sourceJob) rows.push(['Built by', `${a.sourceJob} ${a.sourceBuild ?? ''} ${a.sourceRevision ?? ''}`.trim()]);
  }
  if (r.freezeOverride) {
    rows.push(['Freeze overridden', [el('code', { text: r.freezeOverride.freeze }), ' by ',
      el('span', { text: r.freezeOverride.by }), ': ', el('q', { class: 'rl-override-reason', text: r.freezeOverride.reason })]]);
  }
  if (data.rollbackTarget) {
    const t = data.rollbackTarget;
    rows.push(['Rolled back to', [link('/releases/' + t.id, `release ${t.id}: ${t.artifact} ${t.version}`), ' ',
      digest(t.digest)]]);
  }
  if (data.previousLive) {
    const p = data.previousLive;
    rows.push(['Previously live', link('/releases/' + p.id, `release ${p.id}: ${p.artifact} ${p.version}`)]);
  }
  return el('dl', { class: 'rl-summary' }, rows.map(([term, value]) => [el('dt', { text: term }), el('dd', {}, value)]));
}

/** One line per ledger event, in words. */
function describe(e) {
  const d = e.details || {};
  switch (e.type) {
    case 'RELEASE_REQUESTED': {
      const override = planOverride(d.plan);
      return [el('strong', { text: 'Requested' }), ` ${d.mode ? String(d.mode).toLowerCase() : ''} of ${d.artifact} ${d.version}`,
        override ? el('div', { class: 'rl-alert rl-freeze-override' }, overrideWords(override)) : null];
    }
    case 'RELEASE_STATE_CHANGED': {
      const words = [badge(d.from), ' → ', badge(d.to)];
      if (d.to === 'ROLLING_BACK' && d.rollbackTarget) {
        words.push(' rolling back to ', link('/releases/' + Number(d.rollbackTarget), `release ${Number(d.rollbackTarget)}`));
      }
      if (d.reason) words.push(el('div', { class: 'rl-reason', text: d.reason }));
      return words;
    }
    case 'APPROVAL_DECIDED':
      return [el('strong', { text: d.decision === 'APPROVE' ? 'Approved' : 'Rejected' }), ' by ',
        el('span', { text: d.approver }), d.comment ? el('q', { class: 'rl-comment', text: d.comment }) : null];
    case 'HEALTH_SAMPLED':
      return ['Health sample ', el('span', { class: 'rl-outcome rl-outcome-' + String(d.outcome).toLowerCase(), text: d.outcome }),
        ' ', el('code', { text: d.check }), d.reason ? el('div', { class: 'rl-reason', text: d.reason }) : null];
    case 'LEASE_ACQUIRED':
      return 'Took the environment lease';
    case 'LEASE_RELEASED':
      return 'Gave the environment lease back';
    case 'LEASE_EXPIRED':
      return 'The environment lease expired';
    case 'RELEASE_PLAN_SET': {
      const override = planOverride(d.plan);
      return ['A deployment took over the approved release with its own health checks and verification',
        override ? el('div', { class: 'rl-alert rl-freeze-override' }, overrideWords(override)) : null];
    }
    default:
      return e.type;
  }
}

function events(list) {
  const rows = list.map((e) => el('tr', { 'data-seq': e.seq, 'data-type': e.type },
    el('td', {}, timeElement(e.at)),
    el('td', {}, describe(e)),
    el('td', { text: e.actor })));
  return el('section', { 'aria-labelledby': 'rl-events-title' },
    el('h2', { id: 'rl-events-title', text: 'Timeline' }),
    table('Everything the ledger recorded about this release, oldest first', ['When', 'What', 'Who'], rows, 'rl-events'));
}

function approvals(list) {
  const body = list.length === 0
    ? el('p', { class: 'rl-muted', text: 'No approval was recorded.' })
    : table('Decisions on this release', ['Approver', 'Decision', 'As member of', 'When', 'Comment'], list.map((a) => el('tr', {},
      el('th', { scope: 'row', text: a.approver }),
      el('td', {}, badge(a.decision === 'APPROVE' ? 'APPROVED' : 'REJECTED')),
      el('td', { text: a.groups.join(', ') || '—' }),
      el('td', {}, timeElement(a.decidedAt)),
      el('td', { class: 'rl-comment', text: a.comment ?? '' }))), 'rl-approvals');
  return el('section', { 'aria-labelledby': 'rl-approvals-title' }, el('h2', { id: 'rl-approvals-title', text: 'Approvals' }), body);
}

function samples(list) {
  const body = list.length === 0
    ? el('p', { class: 'rl-muted', text: 'No health sample was recorded.' })
    : table('Health samples, in the order taken', ['Phase', 'Round', 'Check', 'Outcome', 'Taken', 'Latency', 'Why', 'Seen'],
      list.map((s) => el('tr', { class: 'rl-sample rl-sample-' + s.outcome.toLowerCase(), 'data-outcome': s.outcome },
        el('td', { text: s.phase.toLowerCase() }),
        el('td', { text: s.round }),
        el('td', {}, el('code', { text: s.check })),
        el('td', {}, el('span', { class: 'rl-outcome rl-outcome-' + s.outcome.toLowerCase(), text: s.outcome })),
        el('td', {}, timeElement(s.takenAt)),
        el('td', { text: `${s.latencyMillis} ms` }),
        el('td', { class: 'rl-reason', text: s.reason }),
        el('td', { text: s.observed ?? '' }))), 'rl-samples');
  return el('section', { 'aria-labelledby': 'rl-samples-title' }, el('h2', { id: 'rl-samples-title', text: 'Health samples' }), body);
}

function notes(markdown) {
  return el('section', { 'aria-labelledby': 'rl-notes-title' },
    el('h2', { id: 'rl-notes-title', text: 'Release notes' }),
    el('details', { class: 'rl-notes' }, el('summary', { text: 'Markdown, to paste into a change record' }),
      el('pre', { text: markdown })));
}
