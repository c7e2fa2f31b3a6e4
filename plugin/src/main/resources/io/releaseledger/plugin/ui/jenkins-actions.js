// Approve / Reject and Roll back on a release's page, inside Jenkins. Configuration comes from data-* attributes
// of #release-ledger (never inline script); every POST carries Jenkins' CSRF crumb; server text is only ever text.

const root = document.getElementById('release-ledger');
const box = document.getElementById('rl-jenkins-actions');

function button(label, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'jenkins-button rl-button';
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}

function say(text, failed) {
  const p = document.createElement('p');
  p.className = failed ? 'rl-error' : 'rl-muted';
  p.setAttribute('role', failed ? 'alert' : 'status');
  p.textContent = text;
  box.append(p);
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

function render() {
  if (!root || !box) return;
  box.replaceChildren();
  const match = /^#\/releases\/(\d+)$/.exec(window.location.hash);
  if (!match) return;
  const id = match[1];
  const act = (action, fields, done) => async () => {
    try {
      const result = await post(action, { id, ...fields });
      window.dispatchEvent(new HashChangeEvent('hashchange')); // the console reloads the release, and these buttons
      say(done(result), false);
    } catch (e) {
      say(e.message, true);
    }
  };
  if (root.dataset.mayApprove === 'true') {
    const label = document.createElement('label');
    label.textContent = 'Comment ';
    const comment = document.createElement('input');
    comment.type = 'text';
    comment.className = 'jenkins-input';
    comment.maxLength = 500;
    label.append(comment);
    box.append(label,
      button('Approve', () => act('approve', { comment: comment.value }, (r) => r.status)()),
      button('Reject', () => act('reject', { comment: comment.value }, (r) => r.status)()));
  }
  if (root.dataset.mayRollback === 'true') {
    box.append(button('Roll back to this release', act('rollback', {},
      (r) => `A build of ${r.scheduled} was scheduled to roll ${r.environment} back to ${r.version}.`)));
  }
}

window.addEventListener('hashchange', render);
render();
