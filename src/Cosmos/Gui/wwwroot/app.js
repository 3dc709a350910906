// The single-page shell: client routes (history API, so links and the back button work), the token dialog.
import { token, settings } from './api.js';
import { clear } from './dom.js';

const routes = [
  { pattern: /^\/(?:catalog\/?)?$/, section: 'catalog', load: () => import('./catalog.js').then(m => m.catalogPage) },
  { pattern: /^\/catalog\/packages\/([^/]+)\/install\/?$/, section: 'catalog', load: () => import('./install.js').then(m => m.installPage) },
  { pattern: /^\/catalog\/packages\/([^/]+)\/?$/, section: 'catalog', load: () => import('./detail.js').then(m => m.detailPage) },
  { pattern: /^\/services\/?$/, section: 'services', load: () => import('./services.js').then(m => m.servicesPage) },
  { pattern: /^\/services\/detail\/?$/, section: 'services', load: () => import('./service.js').then(m => m.servicePage) },
  { pattern: /^\/repositories\/?$/, section: 'repositories', load: () => import('./repositories.js').then(m => m.repositoriesPage) },
];

let current = null;
let firstRender = true;

/** Client-side navigation (pushState unless replace). */
export function navigate(url, { replace = false } = {}) {
  const target = new URL(url, location.href);
  if (target.origin !== location.origin) { location.href = target.href; return; }
  if (replace) history.replaceState(null, '', target.pathname + target.search + target.hash);
  else history.pushState(null, '', target.pathname + target.search + target.hash);
  render();
}

async function render() {
  const main = document.getElementById('main');
  const path = location.pathname;
  const route = routes.find(r => r.pattern.test(path));
  current?.dispose?.();
  current = null;
  for (const link of document.querySelectorAll('header nav a')) {
    if (route && link.dataset.section === route.section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (!route) {
    clear(main).append(Object.assign(document.createElement('h1'), { textContent: 'Page not found' }));
    document.title = 'Page not found · Universe';
    return;
  }
  const params = route.pattern.exec(path).slice(1).map(decodeURIComponent);
  const page = await route.load();
  const focus = !firstRender;
  firstRender = false;
  current = await page(main, { params, query: new URLSearchParams(location.search), navigate, focus }) ?? null;
}

document.addEventListener('click', (event) => {
  const a = event.target.closest?.('a[href]');
  if (!a || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  if (a.target && a.target !== '_self') return;
  if (a.hasAttribute('download')) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || !(a.hasAttribute('data-nav') || routes.some(r => r.pattern.test(url.pathname)))) return;
  event.preventDefault();
  navigate(url.href);
});

window.addEventListener('popstate', render);

// Token flow: asked once per browser tab when Cosmos requires one, kept in sessionStorage, sent as a bearer token.
const dialog = document.getElementById('token-dialog');
const tokenButton = document.getElementById('token-button');
const tokenInput = document.getElementById('token-input');

function updateTokenButton() {
  tokenButton.textContent = token.get() ? 'Token set' : 'Enter token';
  tokenButton.setAttribute('aria-label', token.get() ? 'Token set: change or clear the Cosmos token' : 'Enter the Cosmos token');
}

export function askToken() {
  if (dialog.open) return;
  tokenInput.value = token.get();
  dialog.showModal();
  tokenInput.focus();
}

dialog.addEventListener('close', () => {
  if (dialog.returnValue === 'save') {
    token.set(tokenInput.value.trim());
    sessionStorage.setItem('universe.cosmos.token-asked', '1');
    render();
  } else {
    sessionStorage.setItem('universe.cosmos.token-asked', '1');
  }
  tokenInput.value = '';
  updateTokenButton();
  tokenButton.focus();
});
tokenButton.addEventListener('click', askToken);
window.addEventListener('cosmos-unauthorized', () => { tokenButton.hidden = false; updateTokenButton(); });

settings().then((s) => {
  if (!s.tokenRequired && !token.get()) return;
  tokenButton.hidden = false;
  updateTokenButton();
  if (s.tokenRequired && !token.get() && !sessionStorage.getItem('universe.cosmos.token-asked')) askToken();
});

render();
