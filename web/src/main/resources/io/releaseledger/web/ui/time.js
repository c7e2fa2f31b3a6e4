// Times: shown relative ("3 minutes ago"), with the absolute UTC time in the <time> element.

const UNITS = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

const relativeFormat = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "3 minutes ago" / "in 2 hours" for an ISO-8601 time, relative to `now` (ms). */
export function relative(iso, now = Date.now()) {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') {
      return relativeFormat.format(Math.round(seconds / size), unit);
    }
  }
  return iso;
}

/** The absolute time for people: 2026-11-29 10:00:00 UTC. */
export function absolute(iso) {
  return iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');
}

/** A <time> element: relative text, machine-readable datetime, absolute time as its title. */
export function timeElement(iso) {
  const t = document.createElement('time');
  if (!iso) {
    t.textContent = '—';
    return t;
  }
  t.setAttribute('datetime', iso);
  t.setAttribute('title', absolute(iso));
  t.textContent = relative(iso);
  return t;
}

/** Re-reads every <time> element's relative text under `scope`, so "just now" becomes "5 minutes ago". */
export function refreshTimes(scope, now = Date.now()) {
  for (const t of scope.querySelectorAll('time[datetime]')) {
    t.textContent = relative(t.getAttribute('datetime'), now);
  }
}
