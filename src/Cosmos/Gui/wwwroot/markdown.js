// A small Markdown-to-DOM renderer for package text (descriptions, notes). It builds elements and text nodes only:
// raw HTML in the source stays literal text, links keep only absolute http, https and mailto targets, images are not
// loaded (they become links), so nothing in a package can add script, handlers or remote content.
import { h, safeUrl } from './dom.js';

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([\w+-]*)/;
const HEADING = /^ {0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$/;
const RULE = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const BULLET = /^ {0,3}([-*+])\s+(.*)$/;
const ORDERED = /^ {0,3}(\d{1,9})[.)]\s+(.*)$/;
const INDENTED = /^(?: {4}|\t)(.*)$/;

/** Renders Markdown text into a DocumentFragment. */
export function renderMarkdown(text) {
  const fragment = document.createDocumentFragment();
  if (typeof text !== 'string' || text.length === 0) return fragment;
  blocks(text.replace(/\r\n?/g, '\n').split('\n'), fragment, 0);
  return fragment;
}

function blocks(lines, parent, depth) {
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (/^\s*$/.test(line)) { i += 1; continue; }
    let m;
    if ((m = FENCE.exec(line))) {
      const code = [];
      i += 1;
      while (i < lines.length && !lines[i].trimStart().startsWith(m[1])) { code.push(lines[i]); i += 1; }
      i += 1;
      parent.append(h('pre', null, h('code', m[2] ? { 'data-language': m[2] } : null, code.join('\n'))));
      continue;
    }
    if ((m = HEADING.exec(line))) {
      const level = Math.min(6, m[1].length + 2); // package text sits below the page's own h1/h2
      parent.append(inline(m[2] ?? '', h(`h${level}`)));
      i += 1;
      continue;
    }
    if (RULE.test(line)) { parent.append(h('hr')); i += 1; continue; }
    if (QUOTE.test(line) && depth < 8) {
      const inner = [];
      while (i < lines.length && (m = QUOTE.exec(lines[i]))) { inner.push(m[1]); i += 1; }
      const quote = h('blockquote');
      blocks(inner, quote, depth + 1);
      parent.append(quote);
      continue;
    }
    if ((BULLET.test(line) || ORDERED.test(line)) && depth < 8) {
      const ordered = !BULLET.test(line);
      const pattern = ordered ? ORDERED : BULLET;
      const list = ordered ? h('ol') : h('ul');
      const start = ordered ? Number(ORDERED.exec(line)[1]) : 1;
      if (ordered && start !== 1) list.setAttribute('start', String(start));
      while (i < lines.length && (m = pattern.exec(lines[i]))) {
        const item = [m[2]];
        i += 1;
        while (i < lines.length && !/^\s*$/.test(lines[i]) && !pattern.exec(lines[i]) && (/^\s+/.test(lines[i]) || !isBlockStart(lines[i]))) {
          item.push(lines[i].replace(/^\s{1,4}/, ''));
          i += 1;
        }
        const li = h('li');
        if (item.some(l => isBlockStart(l))) blocks(item, li, depth + 1);
        else inline(item.join('\n'), li);
        list.append(li);
        while (i < lines.length && /^\s*$/.test(lines[i]) && i + 1 < lines.length && pattern.test(lines[i + 1])) i += 1;
      }
      parent.append(list);
      continue;
    }
    if ((m = INDENTED.exec(line))) {
      const code = [];
      while (i < lines.length && ((m = INDENTED.exec(lines[i])) || /^\s*$/.test(lines[i]))) { code.push(m ? m[1] : ''); i += 1; }
      while (code.length && code[code.length - 1] === '') code.pop();
      parent.append(h('pre', null, h('code', null, code.join('\n'))));
      continue;
    }
    const paragraph = [];
    while (i < lines.length && !/^\s*$/.test(lines[i]) && (paragraph.length === 0 || !isBlockStart(lines[i]))) {
      paragraph.push(lines[i]);
      i += 1;
    }
    parent.append(inline(paragraph.join('\n'), h('p')));
  }
}

function isBlockStart(line) {
  return FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || BULLET.test(line) || ORDERED.test(line);
}

const INLINE = [
  ['escape', /\\([\\`*_{}[\]()#+\-.!<>|~])/],
  ['code', /(`+)([\s\S]*?[^`])\1(?!`)/],
  ['link', /(!?)\[((?:[^[\]\n]|\[[^\]\n]*\])*)\]\(\s*<?((?:[^\s()<>]|\([^\s()<>]*\))*)>?(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/],
  ['autolink', /<((?:https?|mailto):[^\s<>]+)>/i],
  ['url', /\bhttps?:\/\/[^\s<>()"']*[^\s<>()"'.,;:!?*_]/i],
  ['strong', /\*\*(?=\S)([\s\S]*?\S)\*\*|(?<![\p{L}\p{N}_.])__(?=\S)([\s\S]*?\S)__(?![\p{L}\p{N}_])/u],
  ['em', /\*(?=[^\s*])([\s\S]*?[^\s*])\*(?!\*)|(?<![\p{L}\p{N}_.])_(?=[^\s_])([\s\S]*?[^\s_])_(?![\p{L}\p{N}_])/u],
  ['break', / {2,}\n|\\\n/],
];

/** Appends the inline content of text to parent (emphasis, code, links, breaks; everything else is text). */
export function inline(text, parent, inLink = false) {
  let rest = text;
  while (rest.length > 0) {
    let best = null;
    for (const [kind, re] of INLINE) {
      if (inLink && (kind === 'link' || kind === 'autolink' || kind === 'url')) continue;
      const m = re.exec(rest);
      if (m && (best === null || m.index < best.m.index)) best = { kind, m };
    }
    if (!best) { parent.append(document.createTextNode(rest)); break; }
    const { kind, m } = best;
    if (m.index > 0) parent.append(document.createTextNode(rest.slice(0, m.index)));
    rest = rest.slice(m.index + m[0].length);
    switch (kind) {
      case 'escape': parent.append(document.createTextNode(m[1])); break;
      case 'code': parent.append(h('code', null, m[2].replace(/^ (.*) $/s, '$1'))); break;
      case 'strong': parent.append(inline(m[1] ?? m[2], h('strong'), inLink)); break;
      case 'em': parent.append(inline(m[1] ?? m[2], h('em'), inLink)); break;
      case 'break': parent.append(h('br')); break;
      case 'autolink':
      case 'url': parent.append(link(m[kind === 'url' ? 0 : 1], (a) => a.append(m[kind === 'url' ? 0 : 1]))); break;
      case 'link': {
        const label = m[1] ? `Image: ${m[2] || m[3]}` : m[2];
        parent.append(link(m[3], (a) => inline(label, a, true)));
        break;
      }
      default: break;
    }
  }
  return parent;
}

function link(target, fill) {
  const href = safeUrl(target);
  if (!href) {
    const span = h('span', { class: 'blocked-link', title: 'Link removed: only http, https and mailto links are allowed' });
    fill(span);
    return span;
  }
  const a = h('a', { href, rel: 'noopener noreferrer nofollow' });
  if (!href.startsWith('mailto:')) a.target = '_blank';
  fill(a);
  return a;
}
