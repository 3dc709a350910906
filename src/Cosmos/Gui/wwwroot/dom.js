// DOM helpers. Everything that came from a package or a server is set with textContent or a checked attribute:
// no function here ever parses HTML.

/** h('a', {href: '/x', class: 'c', onClick: fn}, 'text', child) builds an element. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (key.startsWith('on') && typeof value === 'function') {
        el.addEventListener(key.slice(2).toLowerCase(), value);
      } else if (key === 'class') {
        el.className = value;
      } else if (key === 'text') {
        el.textContent = value;
      } else if (key === 'dataset') {
        Object.assign(el.dataset, value);
      } else if (key === 'value' && 'value' in el) {
        el.value = value;
      } else if (key === 'checked' || key === 'selected' || key === 'disabled' || key === 'hidden') {
        el[key] = !!value;
      } else {
        el.setAttribute(key, value === true ? '' : String(value));
      }
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Empties el; returns an object whose append(...) skips null/false children (as h() does). */
export function clear(el) {
  el.replaceChildren();
  return { append: (...children) => append(el, children) };
}

let ids = 0;
/** A document-unique id with a readable prefix. */
export function uid(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** Announces text to screen readers through the polite live region. */
export function announce(text) {
  const region = document.getElementById('announcer');
  if (!region) return;
  region.textContent = '';
  setTimeout(() => { region.textContent = text; }, 30);
}

/** A safe link target: only absolute http, https and mailto URLs, else null. */
export function safeUrl(raw) {
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  let url;
  try { url = new URL(text); } catch { return null; }
  return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:' ? url.href : null;
}

/** An image URL the page may load: only same-origin /package/resource proxy URLs (icons, screenshots). */
export function proxiedImage(raw) {
  if (typeof raw !== 'string') return null;
  let url;
  try { url = new URL(raw, location.href); } catch { return null; }
  return url.origin === location.origin && url.pathname === '/package/resource' ? url.pathname + url.search : null;
}

export const FALLBACK_ICON = '/gui/package.svg';

/** A package icon through the resource proxy, with alt text, falling back to the generic icon when it fails. */
export function icon(images, name, size = 'icon-medium', px = 48) {
  const src = proxiedImage(images?.[size] ?? images?.['icon-medium'] ?? images?.['icon-small'] ?? images?.['icon-large']);
  const img = h('img', { src: src ?? FALLBACK_ICON, alt: `${name} logo`, width: px, height: px, loading: 'lazy', decoding: 'async', class: 'icon' });
  img.addEventListener('error', () => {
    if (!img.src.endsWith(FALLBACK_ICON)) {
      img.src = FALLBACK_ICON;
      img.dataset.fallback = 'true';
    }
  });
  if (!src) img.dataset.fallback = 'true';
  return img;
}

/** An alert box for an error (Cosmos message plus its type). */
export function errorBox(error, retry) {
  return h('div', { class: 'notice error', role: 'alert' },
    h('p', null, h('strong', null, 'Error: '), error?.message ?? String(error)),
    error?.type ? h('p', { class: 'muted' }, `(${error.type}${error.status ? `, HTTP ${error.status}` : ''})`) : null,
    retry ? h('button', { type: 'button', class: 'secondary', onClick: retry }, 'Try again') : null);
}

export function badge(selected) {
  return selected
    ? h('span', { class: 'badge certified' }, 'Certified')
    : h('span', { class: 'badge community' }, 'Community');
}

/** Sets the page title and moves focus to the main heading (route changes). */
export function pageTitle(text, focus = true) {
  document.title = `${text} · Universe`;
  if (focus) {
    const heading = document.querySelector('main h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: false });
    }
  }
}

/** Saves a JSON value as a file download. */
export function downloadJson(value, filename) {
  const blob = new Blob([JSON.stringify(value, null, 2) + '\n'], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/**
 * Replaces container's content with build() only when key changed (live refreshes must not steal keyboard focus);
 * focus inside is carried over to the new element with the same id or data-focus-key.
 */
export function renderIfChanged(container, key, build) {
  if (container.dataset.renderKey === key) return false;
  const active = document.activeElement;
  const focusKey = active && container.contains(active) ? (active.dataset.focusKey || active.id) : null;
  container.dataset.renderKey = key;
  container.replaceChildren(...[build()].flat().filter(Boolean));
  if (focusKey) {
    const again = container.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`) ?? container.querySelector(`#${CSS.escape(focusKey)}`);
    again?.focus();
  }
  return true;
}
