import { el, show, stateBadge, timeTitle } from './dom.js';
import { renderOutput } from './output.js';

/** The statements of a session; a statement is redrawn only when it changed, so images are decoded once. */
export function statementList() {
  const node = el('div', { id: 'statements' });
  const drawn = new Map();
  const update = (statements) => {
    if (statements.length === 0) {
      show(node, el('p', { class: 'muted' }, 'No statements yet.'));
      drawn.clear();
      return;
    }
    if (drawn.size === 0) {
      node.replaceChildren();
    }
    for (const statement of statements) {
      const text = JSON.stringify(statement);
      const previous = drawn.get(statement.id);
      if (previous && previous.text === text) {
        continue;
      }
      const card = render(statement);
      if (previous) {
        previous.card.replaceWith(card);
      } else {
        node.append(card);
      }
      drawn.set(statement.id, { text, card });
    }
  };
  return { node, update };
}

function render(statement) {
  const running = statement.state === 'running' || statement.state === 'waiting';
  const percent = Math.round((Number(statement.progress) || 0) * 100);
  return el('article', { class: 'statement', 'data-id': statement.id, 'data-state': statement.state },
    el('header', {},
      el('span', { class: 'statement-id' }, `Statement ${statement.id}`),
      stateBadge(statement.state),
      running ? el('progress', { max: '100', value: String(percent) }) : null,
      el('span', { class: 'progress-text' }, `${percent}%`),
      statement.started ? el('span', { class: 'muted', title: timeTitle(statement.started) },
        duration(statement)) : null),
    el('pre', { class: 'code' }, statement.code ?? ''),
    renderOutput(statement.output));
}

function duration(statement) {
  const end = statement.completed || Date.now();
  return `${((end - statement.started) / 1000).toFixed(1)} s`;
}
