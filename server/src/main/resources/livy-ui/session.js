import { getJson } from './api.js';
import { deleteAction } from './delete.js';
import { ago, el, externalLink, show, stateBadge, timeTitle } from './dom.js';
import { logPanel } from './log.js';
import { every } from './poll.js';
import { statementList } from './statements.js';
import { summary } from './summary.js';

export function sessionPage(view, id) {
  const base = `/sessions/${id}`;
  const details = el('div', {}, el('p', { class: 'muted' }, 'Loading…'));
  const statements = statementList();
  const log = logPanel(base);
  const message = el('p', { id: 'message', role: 'status' });
  const actions = deleteAction(base, message);
  show(view, el('h1', {}, `Session ${id}`), actions, message, details,
    el('section', {}, el('h2', {}, 'Statements'), statements.node), log.node);
  return every(1000, async () => {
    try {
      const session = await getJson(base);
      show(details, describe(session));
      const list = await getJson(`${base}/statements`);
      statements.update(list.statements);
      await log.refresh();
    } catch (error) {
      show(details, el('p', { class: 'error' }, error.message));
      // Ids are never reused: what is gone stays gone.
      return error.status !== 404;
    }
    return true;
  });
}

function describe(session) {
  const info = session.appInfo ?? {};
  return summary([
    ['Name', session.name ?? ''],
    ['State', stateBadge(session.state)],
    ['Kind', session.kind],
    ['Owner', session.owner ?? ''],
    ['Proxy user', session.proxyUser ?? ''],
    ['Application', session.appId ?? ''],
    ['Spark UI', externalLink(info.sparkUiUrl, info.sparkUiUrl)],
    ['Age', el('span', { title: timeTitle(info.createdAt) }, ago(info.createdAt))],
    ['Last activity', el('span', { title: timeTitle(info.lastActivity) }, ago(info.lastActivity))],
  ]);
}
