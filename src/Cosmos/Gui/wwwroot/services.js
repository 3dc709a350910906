// Services: the installed packages with status, health, instances, version and cpus/mem bars, refreshed live.
import { cosmos, marathon } from './api.js';
import { h, clear, icon, errorBox, pageTitle } from './dom.js';
import { statusOf, healthOf, statusBadge, capacity, bar, liveRefresh } from './status.js';

export async function servicesPage(main, { focus }) {
  const body = h('div', { class: 'services-body', 'aria-live': 'off' }, h('p', { class: 'loading', role: 'status' }, 'Loading services…'));
  const updated = h('p', { class: 'muted', id: 'services-updated' });
  clear(main).append(h('h1', null, 'Services'),
    h('p', { class: 'help' }, 'Packages installed through Cosmos, with live status from the Marathon API. ', h('a', { href: '/catalog', 'data-nav': true }, 'Install from the catalog')),
    body, updated);
  pageTitle('Services', focus);
  let total = null;

  async function refresh() {
    let installed; let apps;
    try {
      [installed, apps] = await Promise.all([
        cosmos.list().then(r => r.packages ?? []),
        marathon('v2/apps?embed=apps.counts&embed=apps.deployments&embed=apps.lastTaskFailure').then(r => r.apps ?? []).catch(() => null),
      ]);
      total ??= await capacity();
    } catch (error) {
      delete body.dataset.renderKey;
      clear(body).append(errorBox(error, refresh));
      return;
    }
    const byId = new Map((apps ?? []).map(a => [a.id, a]));
    updated.textContent = `Updated ${new Date().toLocaleTimeString()}`;
    const key = JSON.stringify([installed.map(i => [i.appId, i.packageInformation?.packageDefinition?.version]),
      (apps ?? []).map(a => [a.id, a.instances, a.tasksRunning, a.tasksHealthy, a.tasksUnhealthy, (a.deployments ?? []).length, a.cpus, a.mem]), apps === null, total]);
    if (body.dataset.renderKey === key) return;
    body.dataset.renderKey = key;
    if (installed.length === 0) {
      clear(body).append(h('div', { class: 'empty' }, h('h2', null, 'No services installed'),
        h('p', null, 'Install a package from the catalog; it shows here with its live status.'),
        h('a', { href: '/catalog', 'data-nav': true, class: 'button primary' }, 'Open the catalog')));
      return;
    }
    const rows = installed.map((entry) => {
      const def = entry.packageInformation?.packageDefinition ?? {};
      const app = byId.get(entry.appId);
      const running = app?.tasksRunning ?? 0;
      const status = apps === null ? 'Unknown' : statusOf(app);
      const health = apps === null ? 'Unknown' : healthOf(app);
      return h('tr', { dataset: { appId: entry.appId } },
        h('th', { scope: 'row' }, h('div', { class: 'service-name' }, icon(entry.packageInformation?.resourceDefinition?.images, def.name ?? entry.appId, 'icon-small', 24),
          h('a', { href: `/services/detail?id=${encodeURIComponent(entry.appId)}`, 'data-nav': true, 'data-focus-key': `service:${entry.appId}` }, entry.appId))),
        h('td', null, def.name ?? ''),
        h('td', null, def.version ?? ''),
        h('td', { class: 'cell-status' }, statusBadge(status)),
        h('td', { class: 'cell-health' }, statusBadge(health)),
        h('td', { class: 'cell-instances' }, app ? `${running} / ${app.instances}` : '–'),
        h('td', null, app ? bar('CPU', (app.cpus ?? 0) * running, total?.cpus ?? 0, '') : '–'),
        h('td', null, app ? bar('Memory', (app.mem ?? 0) * running, total?.mem ?? 0, ' MiB') : '–'));
    });
    const focusKey = body.contains(document.activeElement) ? document.activeElement.dataset.focusKey : null;
    clear(body).append(h('div', { class: 'table-scroll', role: 'region', 'aria-label': 'Installed services', tabindex: '0' },
      h('table', { class: 'services' },
        h('caption', { class: 'visually-hidden' }, 'Installed services'),
        h('thead', null, h('tr', null, ['Service', 'Package', 'Version', 'Status', 'Health', 'Instances', 'CPU', 'Memory'].map(t => h('th', { scope: 'col' }, t)))),
        h('tbody', null, rows))),
      apps === null ? h('p', { class: 'notice info' }, 'Live status is not available (the Marathon API did not answer).') : null);
    if (focusKey) body.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`)?.focus();
  }

  await refresh();
  const stop = liveRefresh(refresh);
  return { dispose: stop };
}
