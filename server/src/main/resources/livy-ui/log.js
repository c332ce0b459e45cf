import { getJson, path } from './api.js';
import { el, show } from './dom.js';

/**
 * A live view of a session's or batch's log. The server keeps a bounded tail whose line numbers move as old
 * lines fall off, so each refresh reads every kept line; it repaints only when they changed and keeps the view
 * at the bottom while the reader has not scrolled up.
 */
export function logPanel(base) {
  const lines = el('pre', { class: 'log', id: 'log', tabindex: '0' });
  const status = el('p', { class: 'muted' });
  let shown = null;
  const refresh = async () => {
    try {
      const log = await getJson(path(`${base}/log`, { size: -1 }));
      const text = log.log.join('\n');
      if (text !== shown) {
        const atBottom = lines.scrollTop + lines.clientHeight >= lines.scrollHeight - 4;
        lines.textContent = text;
        shown = text;
        if (atBottom) {
          lines.scrollTop = lines.scrollHeight;
        }
      }
      show(status, `${log.total} lines kept by the server`);
    } catch (error) {
      show(status, el('span', { class: 'error' }, error.message));
    }
  };
  return { node: el('section', {}, el('h2', {}, 'Log'), lines, status), refresh };
}
