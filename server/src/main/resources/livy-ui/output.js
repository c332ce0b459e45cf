import { el } from './dom.js';

const TABLE = 'application/vnd.livy.table.v1+json';
const JSON_TYPE = 'application/json';
const PNG = 'image/png';

/** A statement's output as a user wants to read it: an image, a table, JSON, text, or an error. */
export function renderOutput(output) {
  if (!output) {
    return null;
  }
  if (output.status === 'error') {
    return el('div', { class: 'output output-error' },
      el('p', { class: 'error-name' }, `${output.ename ?? 'Error'}: ${output.evalue ?? ''}`),
      Array.isArray(output.traceback) && output.traceback.length > 0
        ? el('pre', { class: 'traceback' }, output.traceback.join('')) : null);
  }
  const data = output.data ?? {};
  return el('div', { class: 'output' }, richest(data));
}

function richest(data) {
  if (typeof data[PNG] === 'string') {
    return image(data[PNG]);
  }
  if (data[TABLE] && Array.isArray(data[TABLE].headers)) {
    return table(data[TABLE].headers.map((header) => header.name), data[TABLE].data ?? []);
  }
  const json = data[JSON_TYPE];
  if (json && json.schema && Array.isArray(json.schema.fields) && Array.isArray(json.data)) {
    return table(json.schema.fields.map((field) => field.name), json.data);
  }
  if (json !== undefined) {
    return el('pre', { class: 'text' }, JSON.stringify(json, null, 2));
  }
  const text = data['text/plain'];
  return text ? el('pre', { class: 'text' }, text) : el('p', { class: 'muted' }, 'No output.');
}

function table(headers, rows) {
  return el('table', { class: 'result' },
    el('thead', {}, el('tr', {}, headers.map((name) => el('th', {}, name)))),
    el('tbody', {}, rows.map((row) => el('tr', {},
      (Array.isArray(row) ? row : [row]).map((cell) => el('td', {}, cellText(cell)))))));
}

function cellText(cell) {
  if (cell === null || cell === undefined) {
    return 'null';
  }
  return typeof cell === 'object' ? JSON.stringify(cell) : String(cell);
}

/**
 * Decoded by the browser into a canvas rather than shown through a data: URL, which our Content-Security-Policy
 * (img-src 'self') refuses; the bytes never become markup either way.
 */
function image(base64) {
  const canvas = el('canvas', { class: 'image', role: 'img', 'aria-label': 'image/png output' });
  try {
    const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
    createImageBitmap(new Blob([bytes], { type: PNG })).then((bitmap) => {
      canvas.width = bitmap.width;
      canvas.height = bitmap.height;
      canvas.getContext('2d').drawImage(bitmap, 0, 0);
      canvas.dataset.loaded = 'true';
    }, () => canvas.replaceWith(el('p', { class: 'error' }, 'The image/png output could not be decoded.')));
  } catch {
    return el('p', { class: 'error' }, 'The image/png output is not valid base64.');
  }
  return canvas;
}
