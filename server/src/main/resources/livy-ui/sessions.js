import { getJson, path } from './api.js';
import { ago, el, externalLink, show, stateBadge, timeTitle } from './dom.js';
import { every } from './poll.js';
import { fromParameter, PAGE_SIZE, pager } from './pager.js';

const COLUMNS = ['Id', 'Name', 'State', 'Kind', 'Owner', 'Proxy user', 'Application', 'Spark UI', 'Age',
  'Last activity'];

export function sessionsPage(view, _id, query) {
  const from = fromParameter(query);
  const body = el('div', {}, el('p', { class: 'muted' }, 'Loading…'));
  show(view, el('h1', {}, 'Sessions'), body);
  return every(3000, async () => {
    try {
      const list = await getJson(path('/sessions', { from, size: PAGE_SIZE }));
      const pages = () => pager('#/sessions', list.from, list.sessions.length, list.total);
      show(body, list.sessions.length === 0 ? table(list.sessions) : [pages(), table(list.sessions), pages()]);
    } catch (error) {
      show(body, el('p', { class: 'error' }, error.message));
    }
  });
}

function table(sessions) {
  if (sessions.length === 0) {
    return el('p', { class: 'muted' }, 'No sessions.');
  }
  return el('table', { class: 'list', id: 'sessions' },
    el('thead', {}, el('tr', {}, COLUMNS.map((name) => el('th', {}, name)))),
    el('tbody', {}, sessions.map(row)));
}

function row(session) {
  const info = session.appInfo ?? {};
  return el('tr', { 'data-id': session.id },
    el('td', {}, el('a', { href: `#/sessions/${session.id}` }, session.id)),
    el('td', {}, session.name ?? ''),
    el('td', {}, stateBadge(session.state)),
    el('td', {}, session.kind),
    el('td', {}, session.owner ?? ''),
    el('td', {}, session.proxyUser ?? ''),
    el('td', {}, session.appId ?? ''),
    el('td', {}, externalLink(info.sparkUiUrl, 'Spark UI')),
    el('td', { title: timeTitle(info.createdAt) }, ago(info.createdAt)),
    el('td', { title: timeTitle(info.lastActivity) }, ago(info.lastActivity)));
}
