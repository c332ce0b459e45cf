import { remove } from './api.js';
import { el, show } from './dom.js';

/**
 * Delete asks once more in the page itself (no blocking dialog), then sends DELETE; the page's own refresh then
 * shows the session shutting down and, once the server has forgotten it, not found.
 */
export function deleteAction(base, message) {
  const confirm = el('span', { class: 'confirm', hidden: true });
  const ask = el('button', { type: 'button', id: 'delete', class: 'danger' }, 'Delete');
  const yes = el('button', { type: 'button', id: 'confirm-delete', class: 'danger' }, 'Yes, delete');
  const no = el('button', { type: 'button', id: 'cancel-delete' }, 'Keep');
  confirm.append('Delete for good? ', yes, ' ', no);
  ask.addEventListener('click', () => {
    ask.hidden = true;
    confirm.hidden = false;
  });
  no.addEventListener('click', () => {
    confirm.hidden = true;
    ask.hidden = false;
  });
  yes.addEventListener('click', async () => {
    yes.disabled = true;
    try {
      await remove(base);
      confirm.hidden = true;
      show(message, `${base.substring(1)} deleted.`);
    } catch (error) {
      yes.disabled = false;
      show(message, el('span', { class: 'error' }, error.message));
    }
  });
  return el('div', { class: 'actions' }, ask, confirm);
}
