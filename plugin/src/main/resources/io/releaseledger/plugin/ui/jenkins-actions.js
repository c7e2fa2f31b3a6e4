// Approve / Reject and Roll back on a release's page, inside Jenkins. Configuration comes from data-* attributes
// of #release-ledger (never inline script); every POST carries Jenkins' CSRF crumb; server text is only ever text.
//
// The console tells what it drew ('release-ledger:drawn' with the release's JSON). The controls go right under the
// release's title, styled with Jenkins' own classes, and only those the release's state admits (its `actions`:
// Approve / Reject while it awaits approval, Roll back to a release that was live there and is not now) and the
// user's permissions allow; the server checks both again.

const root = document.getElementById('release-ledger');

/** One bar, moved under the title at each draw, so a comment being typed survives a refresh. */
const bar = document.createElement('section');
bar.id = 'rl-jenkins-actions';
bar.className = 'rl-jenkins-actions';
bar.setAttribute('aria-label', 'Decide or roll back');
const status = document.createElement('p');
status.className = 'rl-jenkins-actions__status';
status.setAttribute('aria-live', 'polite');

let shownFor = null; // "id:state" the bar was built for

function button(label, classes, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = `jenkins-button ${classes}`.trim();
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}

function say(text, failed) {
  status.textContent = text;
  status.className = `rl-jenkins-actions__status ${failed ? 'rl-error' : 'rl-muted'}`;
  status.setAttribute('role', failed ? 'alert' : 'status');
}

async function post(action, fields) {
  const headers = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' };
  if (root.dataset.crumbField && root.dataset.crumb) headers[root.dataset.crumbField] = root.dataset.crumb;
  const response = await fetch(new URL(action, new URL(root.dataset.actions, document.baseURI)), {
    method: 'POST', headers, credentials: 'same-origin', body: new URLSearchParams(fields),
  });
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    body = null;
  }
  if (!response.ok) throw new Error(body?.error || `the server answered ${response.status}`);
  return body;
}

function build(release, actions) {
  const id = String(release.id);
  const buttons = [];
  const act = (action, fields, done) => async () => {
    buttons.forEach((b) => { b.disabled = true; });
    try {
      const result = await post(action, { id, ...fields() });
      say(done(result), false);
      window.dispatchEvent(new HashChangeEvent('hashchange')); // the console reloads the release, and this bar
    } catch (e) {
      say(e.message, true);
      buttons.forEach((b) => { b.disabled = false; });
    }
  };
  const parts = [];
  if (actions.decide && root.dataset.mayApprove === 'true') {
    const item = document.createElement('div');
    item.className = 'jenkins-form-item';
    const label = document.createElement('label');
    label.className = 'jenkins-form-label';
    label.htmlFor = 'rl-decision-comment';
    label.textContent = 'Comment';
    const comment = document.createElement('textarea');
    comment.id = 'rl-decision-comment';
    comment.className = 'jenkins-input';
    comment.rows = 2;
    comment.maxLength = 500;
    item.append(label, comment);
    parts.push(item);
    buttons.push(
      button('Approve', 'jenkins-button--primary', act('approve', () => ({ comment: comment.value }), (r) => r.status)),
      button('Reject', 'jenkins-!-destructive-color', act('reject', () => ({ comment: comment.value }), (r) => r.status)));
  }
  if (actions.rollBackTo && root.dataset.mayRollback === 'true') {
    buttons.push(button('Roll back to this release', '', act('rollback', () => ({}),
      (r) => `A build of ${r.scheduled} was scheduled to roll ${r.environment} back to ${r.version}.`)));
  }
  if (buttons.length === 0) return false;
  const row = document.createElement('div');
  row.className = 'jenkins-buttons-row';
  row.append(...buttons);
  bar.replaceChildren(...parts, row, status);
  return true;
}

function onDrawn(event) {
  const { path, data } = event.detail;
  const release = /^\/releases\/\d+$/.test(path) && data ? data.release : null;
  const title = release ? document.querySelector('#rl-main h1') : null;
  if (!release || !title || !data.actions) {
    bar.remove();
    shownFor = null;
    return;
  }
  const key = `${release.id}:${release.state}`;
  if (key !== shownFor) {
    // Another release: nothing said yet. The same release in a new state: what the last click did stays said.
    if (!shownFor || !shownFor.startsWith(`${release.id}:`)) say('', false);
    shownFor = key;
    if (!build(release, data.actions)) bar.replaceChildren(status);
  }
  if (bar.childElementCount > 1 || status.textContent) title.after(bar);
  else bar.remove();
}

if (root) root.addEventListener('release-ledger:drawn', onDrawn);
