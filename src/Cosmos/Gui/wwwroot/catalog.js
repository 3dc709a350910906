// Catalog: tiles, search as you type (Cosmos semantics), All/Certified/Community with counts, tag facets; the state
// lives in the URL (?q=&filter=&tag=), so the back button and shared links work.
import { cosmos } from './api.js';
import { h, clear, icon, badge, errorBox, announce, pageTitle, uid } from './dom.js';
import { matcher } from './search.js';

const FILTERS = [['all', 'All'], ['certified', 'Certified'], ['community', 'Community']];
const VISIBLE_TAGS = 12;

export async function catalogPage(main, { query, navigate, focus }) {
  const state = {
    q: query.get('q') ?? '',
    filter: FILTERS.some(([k]) => k === query.get('filter')) ? query.get('filter') : 'all',
    tags: query.getAll('tag'),
    allTags: false,
  };
  const searchId = uid('search');
  const input = h('input', { id: searchId, type: 'search', value: state.q, autocomplete: 'off', spellcheck: 'false',
    'aria-describedby': `${searchId}-help`, 'aria-controls': 'results' });
  const filterGroup = h('div', { class: 'segmented', role: 'group', 'aria-label': 'Certification' });
  const tagGroup = h('div', { class: 'facets', role: 'group', 'aria-labelledby': 'tags-heading' });
  const notices = h('div', { class: 'notices' });
  const count = h('p', { class: 'count', id: 'result-count' });
  const results = h('ul', { class: 'tiles', id: 'results', 'aria-busy': 'true', 'aria-describedby': 'result-count' });
  const status = h('div', { class: 'results-status' }, h('p', { class: 'loading', role: 'status' }, 'Loading packages…'));

  clear(main).append(
    h('h1', null, 'Catalog'),
    h('div', { class: 'catalog' },
      h('section', { class: 'filters', 'aria-label': 'Search and filters' },
        h('label', { for: searchId }, 'Search packages'),
        input,
        h('p', { id: `${searchId}-help`, class: 'help' }, 'Matches names, descriptions and tags. Use * as a wildcard (case-sensitive, whole text), e.g. web*.'),
        h('h2', { class: 'small', id: 'cert-heading' }, 'Certification'),
        filterGroup,
        h('h2', { class: 'small', id: 'tags-heading' }, 'Tags'),
        tagGroup),
      h('section', { class: 'results', 'aria-label': 'Packages' }, notices, count, status, results)));
  pageTitle('Catalog', focus);
  if (!focus) input.focus();

  let packages = [];
  const tiles = new Map();

  function writeUrl(push) {
    const params = new URLSearchParams();
    if (state.q) params.set('q', state.q);
    if (state.filter !== 'all') params.set('filter', state.filter);
    for (const t of state.tags) params.append('tag', t);
    const url = `/catalog${params.toString() ? `?${params}` : ''}`;
    if (url === location.pathname + location.search) return;
    if (push) history.pushState(null, '', url); else history.replaceState(null, '', url);
  }

  function tile(p) {
    let node = tiles.get(p.name);
    if (node) return node;
    const href = `/catalog/packages/${encodeURIComponent(p.name)}`;
    node = h('li', { class: 'tile' },
      icon(p.images, p.name),
      h('div', { class: 'tile-body' },
        h('h2', { class: 'tile-name' }, h('a', { href, 'data-nav': true, class: 'stretched' }, p.name)),
        h('p', { class: 'tile-meta' }, h('span', { class: 'version' }, p.currentVersion), ' ', badge(p.selected)),
        h('p', { class: 'tile-description' }, p.description ?? '')));
    tiles.set(p.name, node);
    return node;
  }

  let announceTimer;
  function update() {
    performance.mark('catalog-update-start');
    const matches = packages.filter(matcher(state.q));
    const withTags = matches.filter(p => state.tags.every(t => (p.tags ?? []).includes(t)));
    const counts = { all: withTags.length, certified: withTags.filter(p => p.selected).length };
    counts.community = counts.all - counts.certified;
    const shown = withTags.filter(p => state.filter === 'all' || (state.filter === 'certified') === !!p.selected);

    clear(filterGroup).append(...FILTERS.map(([key, label]) => h('button', {
      type: 'button', class: 'segment', 'aria-pressed': String(state.filter === key), dataset: { filter: key },
      onClick: () => { state.filter = key; writeUrl(true); update(); },
    }, label, ' ', h('span', { class: 'count-badge' }, String(counts[key])))));

    const tagCounts = new Map();
    for (const p of matches.filter(p => state.filter === 'all' || (state.filter === 'certified') === !!p.selected)) {
      for (const t of new Set(p.tags ?? [])) tagCounts.set(t, (tagCounts.get(t) ?? 0) + 1);
    }
    const ranked = [...tagCounts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const visible = state.allTags ? ranked : ranked.slice(0, VISIBLE_TAGS);
    for (const t of state.tags) if (!visible.some(([n]) => n === t)) visible.unshift([t, tagCounts.get(t) ?? 0]);
    clear(tagGroup).append(...visible.map(([name, n]) => h('button', {
      type: 'button', class: 'tag', 'aria-pressed': String(state.tags.includes(name)), dataset: { tag: name },
      onClick: () => {
        state.tags = state.tags.includes(name) ? state.tags.filter(t => t !== name) : [...state.tags, name];
        writeUrl(true); update();
      },
    }, name, ' ', h('span', { class: 'count-badge' }, String(n)))),
    ranked.length > VISIBLE_TAGS ? h('button', { type: 'button', class: 'link-button', 'aria-expanded': String(state.allTags),
      onClick: () => { state.allTags = !state.allTags; update(); } }, state.allTags ? 'Fewer tags' : `All ${ranked.length} tags`) : null);

    results.replaceChildren(...shown.map(tile));
    results.setAttribute('aria-busy', 'false');
    results.dataset.query = state.q;
    results.dataset.count = String(shown.length);
    count.textContent = `${shown.length} ${shown.length === 1 ? 'package' : 'packages'}`;
    clear(status);
    if (packages.length > 0 && shown.length === 0) {
      status.append(h('div', { class: 'empty' },
        h('p', null, state.q ? `No packages match “${state.q}”${state.filter !== 'all' || state.tags.length ? ' with these filters' : ''}.` : 'No packages match these filters.'),
        h('button', { type: 'button', class: 'secondary', onClick: () => {
          state.q = ''; state.filter = 'all'; state.tags = []; input.value = ''; writeUrl(true); update(); input.focus();
        } }, 'Show all packages')));
    }
    performance.mark('catalog-update-end');
    clearTimeout(announceTimer);
    announceTimer = setTimeout(() => announce(count.textContent), 600);
  }

  input.addEventListener('input', () => { state.q = input.value; writeUrl(false); update(); });
  input.addEventListener('change', () => writeUrl(true));

  async function load() {
    results.setAttribute('aria-busy', 'true');
    const [search, repos] = await Promise.allSettled([cosmos.search(), cosmos.repositories()]);
    clear(notices);
    if (repos.status === 'fulfilled') {
      for (const repo of repos.value.repositories ?? []) {
        const s = repo.status;
        if (s?.state === 'error') {
          notices.append(h('div', { class: 'notice warning', role: 'status' },
            h('p', null, h('strong', null, `Repository “${repo.name}” is unavailable. `),
              s.packages > 0 ? `Showing its ${s.packages} packages from the last good fetch. ` : 'Its packages are not shown. ',
              h('a', { href: '/repositories', 'data-nav': true }, 'Repositories')),
            s.message ? h('p', { class: 'muted' }, s.message) : null));
        } else if (s?.state === 'degraded') {
          notices.append(h('div', { class: 'notice warning', role: 'status' },
            h('p', null, `Repository “${repo.name}”: some packages could not be read and are not shown.`)));
        } else if (s?.state === 'loading') {
          notices.append(h('div', { class: 'notice info', role: 'status' }, h('p', null, `Repository “${repo.name}” is still loading.`)));
        }
      }
    }
    if (search.status === 'rejected') {
      clear(status).append(errorBox(search.reason, load));
      results.setAttribute('aria-busy', 'false');
      return;
    }
    packages = search.value.packages ?? [];
    if (packages.length === 0) {
      const none = repos.status === 'fulfilled' && (repos.value.repositories ?? []).length === 0;
      clear(status).append(h('div', { class: 'empty' },
        h('h2', null, none ? 'No package repositories' : 'No packages'),
        h('p', null, none ? 'Cosmos has no package repository, so the catalog is empty. Add one (a universe tree, repo JSON or git URL).'
          : 'The configured repositories hold no packages.'),
        h('a', { href: '/repositories', 'data-nav': true, class: 'button' }, 'Manage repositories')));
      results.setAttribute('aria-busy', 'false');
      count.textContent = '0 packages';
      return;
    }
    update();
    performance.mark('catalog-tiles');
  }

  await load();
  return { dispose: () => clearTimeout(announceTimer) };
}
