// The router: the hash names the page (#/sessions, #/sessions/3, #/batches, #/batches/2), so every page has an
// address and the server serves one document. Each page returns the function that stops its refreshes.
import { el, show } from './dom.js';
import { sessionsPage } from './sessions.js';
import { sessionPage } from './session.js';
import { batchesPage } from './batches.js';
import { batchPage } from './batch.js';

const ROUTES = [
  { pattern: /^\/sessions\/?$/, page: sessionsPage, nav: 'nav-sessions' },
  { pattern: /^\/sessions\/(\d+)$/, page: sessionPage, nav: 'nav-sessions' },
  { pattern: /^\/batches\/?$/, page: batchesPage, nav: 'nav-batches' },
  { pattern: /^\/batches\/(\d+)$/, page: batchPage, nav: 'nav-batches' },
];

let stopPage = () => {};

function route() {
  stopPage();
  stopPage = () => {};
  const hash = window.location.hash.replace(/^#/, '') || '/sessions';
  const [pathPart, queryPart] = hash.split('?', 2);
  const view = document.getElementById('view');
  const match = ROUTES.map((candidate) => ({ candidate, groups: candidate.pattern.exec(pathPart) }))
    .find((found) => found.groups !== null);
  for (const link of document.querySelectorAll('header nav a')) {
    link.classList.toggle('current', match !== undefined && link.id === match.candidate.nav);
  }
  if (match === undefined) {
    show(view, el('h1', {}, 'Not found'), el('p', {}, 'No page at ', el('code', {}, hash), '.'));
    return;
  }
  const stop = match.candidate.page(view, match.groups[1], new URLSearchParams(queryPart ?? ''));
  stopPage = typeof stop === 'function' ? stop : () => {};
}

window.addEventListener('hashchange', route);
route();
