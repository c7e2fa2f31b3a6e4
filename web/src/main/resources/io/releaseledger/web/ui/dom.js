// Building DOM from ledger data. Every text goes through text nodes or attribute setters:
// nothing here parses HTML, so a recorded "<img onerror=...>" stays text.

/**
 * Creates an element. `attrs` are set with setAttribute (except `text`, set as textContent);
 * children may be nodes, strings (as text nodes), or null/undefined (skipped).
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'text') {
      node.textContent = String(value);
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(node, children);
  return node;
}

/** Appends nodes and strings (as text); skips null and undefined; flattens arrays. */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces everything inside `parent`. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** A link inside the console; `route` is built from ids and encoded names only, never from free text. */
export function link(route, ...children) {
  return el('a', { href: '#' + route }, ...children);
}

/** A state name as a badge whose colour comes from the stylesheet. */
export function badge(state) {
  const s = String(state ?? '');
  return el('span', { class: 'rl-badge rl-state-' + s.toLowerCase().replace(/[^a-z_]/g, ''), text: s.replace(/_/g, ' ') });
}

/** A digest shortened for reading, full in a tooltip and for copying. */
export function digest(value) {
  const v = String(value ?? '');
  return el('code', { class: 'rl-digest', title: v, text: v.length > 19 ? v.slice(0, 19) + '…' : v });
}

/** A table with a caption and a header row of column headers. */
export function table(caption, headers, rows, className = '') {
  return el('table', { class: ('rl-table ' + className).trim() },
    el('caption', { text: caption }),
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, rows));
}

/** A message for a failed load, with the server's explanation. */
export function problem(message) {
  return el('div', { class: 'rl-problem', role: 'alert' }, el('strong', { text: 'Could not load: ' }), message);
}
