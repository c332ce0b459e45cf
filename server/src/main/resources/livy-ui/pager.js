import { el } from './dom.js';

export const PAGE_SIZE = 50;

/** "Previous · 51–100 of 150 · Next" for a list at `route` (a hash such as '#/sessions'). */
export function pager(route, from, shown, total) {
  const previous = Math.max(0, from - PAGE_SIZE);
  const next = from + PAGE_SIZE;
  const range = total === 0 ? 'none' : `${from + 1}–${from + shown} of ${total}`;
  return el('nav', { class: 'pager', 'aria-label': 'pages' },
    from > 0 ? el('a', { class: 'previous', href: `${route}?from=${previous}` }, '← Previous')
      : el('span', { class: 'muted' }, '← Previous'),
    el('span', { class: 'range' }, range),
    next < total ? el('a', { class: 'next', href: `${route}?from=${next}` }, 'Next →')
      : el('span', { class: 'muted' }, 'Next →'));
}

/** The `from` of a route's query, a non-negative integer. */
export function fromParameter(query) {
  const from = Number.parseInt(query.get('from') ?? '0', 10);
  return Number.isFinite(from) && from > 0 ? from : 0;
}
