import { getJson } from './api.js';
import { deleteAction } from './delete.js';
import { el, externalLink, show, stateBadge } from './dom.js';
import { logPanel } from './log.js';
import { every } from './poll.js';
import { summary } from './summary.js';

export function batchPage(view, id) {
  const base = `/batches/${id}`;
  const details = el('div', {}, el('p', { class: 'muted' }, 'Loading…'));
  const log = logPanel(base);
  const message = el('p', { id: 'message', role: 'status' });
  const actions = deleteAction(base, message);
  show(view, el('h1', {}, `Batch ${id}`), actions, message, details, log.node);
  return every(1000, async () => {
    try {
      const batch = await getJson(base);
      show(details, summary([
        ['Name', batch.name ?? ''],
        ['State', stateBadge(batch.state)],
        ['Owner', batch.owner ?? ''],
        ['Proxy user', batch.proxyUser ?? ''],
        ['Application', batch.appId ?? ''],
        ['Spark UI', externalLink((batch.appInfo ?? {}).sparkUiUrl, (batch.appInfo ?? {}).sparkUiUrl)],
      ]));
      await log.refresh();
    } catch (error) {
      show(details, el('p', { class: 'error' }, error.message));
      // Ids are never reused: what is gone stays gone.
      return error.status !== 404;
    }
    return true;
  });
}
