// Jenkins' part of the Releases page: Approve / Reject and Roll back in the app bar for the release shown, and the
// side panel's entry for the view shown. Built with the console's own modules (the same page loads them, so these
// are the same instances app.js uses). Configuration comes from data-* attributes of #release-ledger (never inline
// script); every POST carries Jenkins' CSRF crumb; server text is only ever text.
//
// Only what the release's state admits is offered (the release JSON's `actions`, decided by core: Approve / Reject
// while it awaits approval, Roll back to a release that was live there and is not now), and only to those whose
// permissions allow it; the server checks both again. Every click asks first with Jenkins' dialog (its design
// library's window.dialog), naming the release and its environment: Approve and Reject ask for an optional comment,
// Roll back asks for a confirmation in red. Cancel sends nothing.
import { postForm } from './api.js';
import { el, replace } from './dom.js';

const root = document.getElementById('release-ledger');
const controls = document.getElementById('rl-actions');
const status = document.getElementById('rl-action-status');

/** "id:state" of the release the buttons were made for, and the view they belong to. */
let shownFor = null;
let shownPath = null;

function say(text, failed) {
  status.textContent = text;
  status.classList.toggle('rl-error', failed);
  status.setAttribute('role', failed ? 'alert' : 'status');
}

/** Jenkins' crumb as a header, as its own scripts send it (crumb.wrap). */
function crumbHeader() {
  const { crumbField, crumb } = root.dataset;
  return crumbField && crumb ? { [crumbField]: crumb } : {};
}

/**
 * Jenkins' dialogs: `dialog.confirm` resolves when OK is clicked and rejects on Cancel or Escape; `dialog.prompt`
 * resolves with the text typed. Their titles and messages are set as text; the button labels are inserted as HTML, so
 * only fixed labels are passed. A page without them (no Jenkins design library) falls back to the browser's own.
 */
function confirmed(title, options) {
  if (typeof window.dialog?.confirm === 'function') return window.dialog.confirm(title, options).then(() => true, () => false);
  return Promise.resolve(window.confirm(`${title}\n\n${options.message}`));
}

function prompted(title, options) {
  if (typeof window.dialog?.prompt === 'function') return window.dialog.prompt(title, options).then((v) => v ?? '', () => null);
  return Promise.resolve(window.prompt(`${title}\n\n${options.message}`, ''));
}

function button(label, modifier, onClick) {
  const b = el('button', { type: 'button', class: `jenkins-button ${modifier}`.trim(), text: label });
  b.addEventListener('click', onClick);
  return b;
}

/** "payments-api 2.0.0 in production". */
function named(release) {
  return `${release.artifact} ${release.version} in ${release.environment}`;
}

function buttonsFor(release, actions) {
  const id = String(release.id);
  const buttons = [];
  const send = async (action, fields, done) => {
    buttons.forEach((b) => { b.disabled = true; });
    try {
      const result = await postForm(root.dataset.actions + action, { id, ...fields }, crumbHeader());
      say(done(result), false);
      window.dispatchEvent(new HashChangeEvent('hashchange')); // the console reloads the release, and these buttons
    } catch (e) {
      say(e.message, true);
      buttons.forEach((b) => { b.disabled = false; });
    }
  };
  if (actions.decide && root.dataset.mayApprove === 'true') {
    const decide = (action, label, type) => async () => {
      const comment = await prompted(`${label} release ${id}?`, {
        message: `${named(release)}. A comment for the record (optional):`, okText: label, type, allowEmpty: true });
      if (comment !== null) await send(action, { comment }, (r) => r.status);
    };
    buttons.push(button('Approve', 'jenkins-button--primary', decide('approve', 'Approve', 'default')),
      button('Reject', 'jenkins-!-destructive-color', decide('reject', 'Reject', 'destructive')));
  }
  if (actions.rollBackTo && root.dataset.mayRollback === 'true') {
    buttons.push(button('Roll back to this release', '', async () => {
      const go = await confirmed(`Roll back ${release.environment} to release ${id}?`, {
        message: `${named(release)} goes live again: a build of the job that deployed it is scheduled, runs its deploy`
          + ` with RELEASE_MODE=rollback, and verifies the release's health.`,
        okText: 'Roll back', type: 'destructive' });
      if (go) {
        await send('rollback', {}, (r) => `A build of ${r.scheduled} was scheduled to roll ${r.environment} back to ${r.version}.`);
      }
    }));
  }
  return buttons;
}

/**
 * Marks the side panel's entry for the view shown, as Jenkins marks the current page's task: the dashboard, the
 * environment's history, or for a release the history of its environment.
 */
function markCurrentTask(path, data) {
  let current = null;
  if (path === '/') current = '#/';
  else if (path.startsWith('/environments/')) current = `#${path}`;
  else if (data?.release) current = `#/environments/${encodeURIComponent(data.release.environment)}`;
  for (const link of document.querySelectorAll('#tasks a.task-link')) {
    const here = current !== null && new URL(link.href, document.baseURI).hash === current;
    link.classList.toggle('task-link--active', here);
    if (here) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function clear() {
  replace(controls);
  shownFor = null;
}

function onDrawn(event) {
  const { path, data } = event.detail;
  markCurrentTask(path, data);
  const release = /^\/releases\/\d+$/.test(path) && data?.release ? data.release : null;
  if (path !== shownPath) say('', false); // another view: nothing said yet
  shownPath = path;
  if (!release || !data.actions) {
    clear();
    return;
  }
  const key = `${release.id}:${release.state}`;
  if (key === shownFor) return; // a refresh that left the state alone keeps the buttons (and their focus)
  shownFor = key;
  replace(controls, buttonsFor(release, data.actions));
}

/** A new view starts loading: its predecessor's buttons go at once, not when the new view has loaded. */
function onNavigate() {
  const path = (window.location.hash.replace(/^#/, '') || '/').split('?')[0];
  if (path !== shownPath) clear();
}

if (root && controls && status) {
  root.addEventListener('release-ledger:drawn', onDrawn);
  window.addEventListener('hashchange', onNavigate);
}
