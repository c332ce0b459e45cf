// Every piece of data reaches the page as a text node or an attribute value, never as markup.

/** An element with attributes (strings; `on…` keys take listeners) and children (nodes or text). */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on')) {
      element.addEventListener(name.substring(2), value);
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined) {
      continue;
    }
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces a node's children. */
export function show(node, ...children) {
  node.replaceChildren();
  append(node, children);
}

/** A link that opens elsewhere only for http(s) addresses: a URL from the API is data too. */
export function externalLink(url, text) {
  if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) {
    return url ? document.createTextNode(String(url)) : el('span', { class: 'muted' }, '—');
  }
  return el('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, text);
}

export function stateBadge(state) {
  return el('span', { class: `state state-${String(state).replace(/[^a-z_]/g, '')}` }, state);
}

/** "3 min ago" style, from epoch milliseconds; a dash when unknown. */
export function ago(epochMillis, now = Date.now()) {
  const millis = Number(epochMillis);
  if (!millis) {
    return '—';
  }
  const seconds = Math.max(0, Math.round((now - millis) / 1000));
  if (seconds < 60) {
    return `${seconds} s`;
  }
  if (seconds < 3600) {
    return `${Math.floor(seconds / 60)} min`;
  }
  if (seconds < 86400) {
    return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
  }
  return `${Math.floor(seconds / 86400)} d ${Math.floor((seconds % 86400) / 3600)} h`;
}

export function timeTitle(epochMillis) {
  return Number(epochMillis) ? new Date(Number(epochMillis)).toISOString() : null;
}
