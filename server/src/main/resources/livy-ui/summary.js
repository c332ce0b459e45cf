import { el } from './dom.js';

/** A definition list of [label, value] pairs, each value a node or text. */
export function summary(pairs) {
  return el('dl', { class: 'summary' }, pairs.flatMap(([label, value]) => [el('dt', {}, label),
    el('dd', { 'data-field': label.toLowerCase().replace(/ /g, '-') }, value ?? '')]));
}
