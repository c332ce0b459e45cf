import { getJson, path } from './api.js';
import { el, externalLink, show, stateBadge } from './dom.js';
import { every } from './poll.js';
import { fromParameter, PAGE_SIZE, pager } from './pager.js';

const COLUMNS = ['Id', 'Name', 'State', 'Owner', 'Proxy user', 'Application', 'Spark UI'];

export function batchesPage(view, _id, query) {
  const from = fromParameter(query);
  const body = el('div', {}, el('p', { class: 'muted' }, 'Loading…'));
  show(view, el('h1', {}, 'Batches'), body);
  return every(3000, async () => {
    try {
      // The batch list, like Livy's, names its items "sessions".
      const list = await getJson(path('/batches', { from, size: PAGE_SIZE }));
      const pages = () => pager('#/batches', list.from, list.sessions.length, list.total);
      show(body, list.sessions.length === 0 ? table(list.sessions) : [pages(), table(list.sessions), pages()]);
    } catch (error) {
      show(body, el('p', { class: 'error' }, error.message));
    }
  });
}

function table(batches) {
  if (batches.length === 0) {
    return el('p', { class: 'muted' }, 'No batches.');
  }
  return el('table', { class: 'list', id: 'batches' },
    el('thead', {}, el('tr', {}, COLUMNS.map((name) => el('th', {}, name)))),
    el('tbody', {}, batches.map((batch) => el('tr', { 'data-id': batch.id },
      el('td', {}, el('a', { href: `#/batches/${batch.id}` }, batch.id)),
      el('td', {}, batch.name ?? ''),
      el('td', {}, stateBadge(batch.state)),
      el('td', {}, batch.owner ?? ''),
      el('td', {}, batch.proxyUser ?? ''),
      el('td', {}, batch.appId ?? ''),
      el('td', {}, externalLink((batch.appInfo ?? {}).sparkUiUrl, 'Spark UI'))))));
}
