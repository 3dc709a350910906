// Service detail: status, tasks with stdout/stderr tails, edit options (diff first, then service/update), version
// change where upgradesFrom/downgradesTo allow it, uninstall with a type-the-name confirmation.
import { cosmos, marathon } from './api.js';
import { h, clear, errorBox, pageTitle, announce, uid, renderIfChanged } from './dom.js';
import { statusOf, healthOf, statusBadge, liveRefresh } from './status.js';
import { createConfigurator } from './configure.js';
import { schemaDefaults, merge } from './json.js';
import { renderMarkdown } from './markdown.js';
import { askToken } from './app.js';

const TAIL_CHARS = 6000;

export async function servicePage(main, { query, navigate, focus }) {
  const appId = query.get('id') ?? '';
  const crumbs = h('nav', { 'aria-label': 'Breadcrumb', class: 'breadcrumb' }, h('ol', null,
    h('li', null, h('a', { href: '/services', 'data-nav': true }, 'Services')),
    h('li', null, h('span', { 'aria-current': 'page' }, appId))));
  clear(main).append(crumbs, h('h1', null, appId || 'Service'), h('p', { class: 'loading', role: 'status' }, 'Loading service…'));
  pageTitle(appId || 'Service', focus);

  let described;
  try {
    described = await cosmos.serviceDescribe(appId);
  } catch (error) {
    main.querySelector('.loading')?.remove();
    main.append(errorBox(error), h('p', null, h('a', { href: '/services', 'data-nav': true }, 'Back to services')));
    return null;
  }
  main.querySelector('.loading')?.remove();
  const pkg = described.package;
  const summary = h('dl', { class: 'facts', id: 'service-summary' });
  const tasksBox = h('div', { id: 'tasks' });
  const logs = h('div', { id: 'logs' });
  const edit = h('section', { 'aria-labelledby': 'edit-h', id: 'edit' });
  const danger = h('section', { 'aria-labelledby': 'uninstall-h', class: 'danger-zone' });
  main.append(
    h('section', { 'aria-labelledby': 'status-h' }, h('h2', { id: 'status-h' }, 'Status'), summary),
    h('section', { 'aria-labelledby': 'tasks-h' }, h('h2', { id: 'tasks-h' }, 'Tasks'), tasksBox, logs),
    edit, danger);

  let selectedTask = null;
  async function refresh() {
    let app;
    try {
      app = (await marathon(`v2/apps/${appId.replace(/^\//, '').split('/').map(encodeURIComponent).join('/')}`)).app;
    } catch (error) {
      delete summary.dataset.renderKey;
      clear(summary).append(h('div', null, errorBox(error)));
      return;
    }
    const status = statusOf(app);
    const health = healthOf(app);
    const failure = app.lastTaskFailure;
    renderIfChanged(summary, JSON.stringify([pkg.version, status, health, app.tasksRunning, app.instances, app.cpus, app.mem, failure?.taskId]), () => [
      h('dt', null, 'Package'), h('dd', null, `${pkg.name} ${pkg.version}`),
      h('dt', null, 'Status'), h('dd', { id: 'service-status' }, statusBadge(status)),
      h('dt', null, 'Health'), h('dd', { id: 'service-health' }, statusBadge(health)),
      h('dt', null, 'Instances'), h('dd', null, `${app.tasksRunning ?? 0} running of ${app.instances}`),
      h('dt', null, 'Resources per instance'), h('dd', null, `${app.cpus} CPU, ${app.mem} MiB memory`),
      failure ? h('dt', null, 'Last failure') : null,
      failure ? h('dd', null, `${failure.state}: ${failure.message}`) : null]);
    const tasks = app.tasks ?? [];
    const health1 = (t) => (!(t.healthCheckResults ?? []).length ? 'N/A' : t.healthCheckResults.every(r => r.alive) ? 'Healthy' : 'Unhealthy');
    renderIfChanged(tasksBox, JSON.stringify([selectedTask, tasks.map(t => [t.id, t.state, health1(t), t.host, t.ports, t.startedAt])]), () => tasks.length === 0
      ? h('p', { class: 'muted' }, 'No tasks.')
      : h('div', { class: 'table-scroll', role: 'region', 'aria-label': 'Tasks', tabindex: '0' }, h('table', null,
        h('thead', null, h('tr', null, ['Task', 'State', 'Health', 'Host and ports', 'Started', 'Logs'].map(t => h('th', { scope: 'col' }, t)))),
        h('tbody', null, tasks.map(t => h('tr', null,
          h('th', { scope: 'row' }, h('code', null, t.id)),
          h('td', null, t.state ?? ''),
          h('td', null, statusBadge(health1(t))),
          h('td', null, `${t.host ?? ''}${(t.ports ?? []).length ? `:${t.ports.join(',')}` : ''}`),
          h('td', null, t.startedAt ? new Date(t.startedAt).toLocaleString() : '–'),
          h('td', null, h('button', { type: 'button', class: 'secondary small', 'aria-pressed': String(selectedTask === t.id), 'data-focus-key': `logs:${t.id}`,
            'aria-label': `Show logs of task ${t.id}`, onClick: () => { selectedTask = t.id; showLogs(t.id); refresh(); } }, 'Show logs'))))))));
  }

  async function showLogs(taskId) {
    if (logs.dataset.task !== taskId) {
      logs.dataset.task = taskId;
      clear(logs).append(h('h3', null, 'Logs of ', h('code', null, taskId)),
        h('button', { type: 'button', class: 'secondary small', onClick: () => showLogs(logs.dataset.task) }, 'Refresh logs'),
        h('div', { class: 'log-columns' },
          h('div', null, h('h4', { id: 'stdout-h' }, 'stdout (tail)'), h('pre', { class: 'code log', tabindex: '0', id: 'stdout', 'aria-labelledby': 'stdout-h' }, 'Loading…')),
          h('div', null, h('h4', { id: 'stderr-h' }, 'stderr (tail)'), h('pre', { class: 'code log', tabindex: '0', id: 'stderr', 'aria-labelledby': 'stderr-h' }, 'Loading…'))));
    }
    const out = logs.querySelector('#stdout');
    const err = logs.querySelector('#stderr');
    for (const [file, pre] of [['stdout', out], ['stderr', err]]) {
      marathon(`v2/tasks/${encodeURIComponent(taskId)}/files/${file}`, { asText: true })
        .then((text) => { pre.textContent = text.length > TAIL_CHARS ? `…${text.slice(-TAIL_CHARS)}` : (text || '(empty)'); pre.scrollTop = pre.scrollHeight; })
        .catch((e) => { pre.textContent = `Not available: ${e.message}`; });
    }
  }

  function editSection() {
    const versions = [pkg.version, ...(described.upgradesTo ?? []), ...(described.downgradesTo ?? [])].filter((v, i, a) => a.indexOf(v) === i);
    const versionId = uid('target-version');
    clear(edit).append(h('h2', { id: 'edit-h' }, 'Configuration'),
      h('dl', { class: 'facts' }, h('dt', null, 'Version'), h('dd', null, pkg.version),
        h('dt', null, 'Version changes allowed'), h('dd', null, versions.length > 1 ? versions.filter(v => v !== pkg.version).join(', ') : 'none (upgradesFrom/downgradesTo)')),
      h('button', { type: 'button', class: 'primary', id: 'edit-options', onClick: () => openEditor(pkg.version) }, 'Edit options'),
      h('details', null, h('summary', null, 'Current options'),
        h('pre', { class: 'code', tabindex: '0', id: 'current-options' }, JSON.stringify(described.userProvidedOptions ?? {}, null, 2))));

    async function openEditor(targetVersion) {
      let target = pkg;
      if (targetVersion !== pkg.version) {
        try { target = (await cosmos.describe(pkg.name, targetVersion)).package; } catch (e) { edit.append(errorBox(e)); return; }
      }
      const initial = described.resolvedOptions ?? merge(schemaDefaults(pkg.config) ?? {}, described.userProvidedOptions ?? {});
      const configurator = createConfigurator({ schema: target.config ?? {}, packageName: pkg.name, packageVersion: target.version, appId, initial, idPrefix: 'edit' });
      const picker = h('select', { id: versionId, onChange: (e) => openEditor(e.target.value) }, versions.map(v => h('option', { value: v, selected: v === target.version }, v === pkg.version ? `${v} (current)` : v)));
      const reviewButton = h('button', { type: 'button', class: 'primary', id: 'review-changes', onClick: review }, 'Review changes');
      clear(edit).append(h('h2', { id: 'edit-h' }, 'Edit options'),
        versions.length > 1 ? h('div', { class: 'field inline' }, h('label', { for: versionId }, 'Package version'), picker) : null,
        configurator.element,
        h('div', { class: 'actions' }, reviewButton, h('button', { type: 'button', class: 'secondary', onClick: () => { editSection(); edit.querySelector('#edit-options').focus(); } }, 'Cancel')));
      edit.querySelector('h2').setAttribute('tabindex', '-1');
      edit.querySelector('h2').focus();

      async function review() {
        reviewButton.disabled = true;
        const result = await configurator.validated();
        reviewButton.disabled = false;
        if (!result.ok) { configurator.focusSummary(); return; }
        const options = configurator.options();
        const body = { appId, packageVersion: target.version !== pkg.version ? target.version : undefined, options, replace: true };
        let changes;
        try {
          changes = await cosmos.serviceDiff(body);
        } catch (e) {
          edit.append(errorBox(e));
          return;
        }
        showDiff(changes, body, target);
      }
    }

    function showDiff(changes, body, target) {
      const applyButton = h('button', { type: 'button', class: 'primary', id: 'apply-changes', onClick: apply }, 'Apply changes');
      const error = h('div');
      const table = (rows, label, id) => rows.length === 0 ? h('p', { class: 'muted', id }, 'No changes.')
        : h('div', { class: 'table-scroll', role: 'region', 'aria-label': label, tabindex: '0' }, h('table', { class: 'diff', id },
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Path'), h('th', { scope: 'col' }, 'Current'), h('th', { scope: 'col' }, 'New'))),
          h('tbody', null, rows.map(r => h('tr', null, h('th', { scope: 'row' }, h('code', null, r.path)),
            h('td', { class: 'old' }, h('code', null, 'old' in r ? JSON.stringify(r.old) : '(none)')),
            h('td', { class: 'new' }, h('code', null, 'new' in r ? JSON.stringify(r.new) : '(removed)')))))));
      const v = changes.packageVersion ?? {};
      const labels = (changes.app ?? []).filter(r => r.path.startsWith('/labels/DCOS_PACKAGE_'));
      clear(edit).append(h('h2', { id: 'edit-h', tabindex: '-1' }, 'Review changes'),
        h('p', null, v.from && v.to && v.from !== v.to ? `Version ${v.from} → ${v.to}` : `Version ${pkg.version} (unchanged)`,
          v.allowed === false ? h('strong', null, ` — not allowed: ${v.reason ?? ''}`) : null),
        h('h3', null, 'Options'), table(changes.options ?? [], 'Option changes', 'options-diff'),
        h('h3', null, 'Rendered Marathon app'), table((changes.app ?? []).filter(r => !labels.includes(r)), 'Marathon app changes', 'app-diff'),
        labels.length ? h('p', { class: 'muted' }, `${labels.length} Cosmos package ${labels.length === 1 ? 'label changes' : 'labels change'} as well (DCOS_PACKAGE_*).`) : null,
        changes.appUnifiedDiff ? h('details', null, h('summary', null, 'Unified diff of the app'), h('pre', { class: 'code', tabindex: '0' }, changes.appUnifiedDiff)) : null,
        h('p', { class: 'muted' }, 'Computed by Cosmos (service/diff) exactly as service/update will apply it. Nothing has been changed yet.'),
        error,
        h('div', { class: 'actions' }, applyButton,
          h('button', { type: 'button', class: 'secondary', onClick: () => { editSection(); edit.querySelector('#edit-options').focus(); } }, 'Cancel')));
      edit.querySelector('h2').focus();

      async function apply() {
        applyButton.disabled = true;
        applyButton.textContent = 'Applying…';
        try {
          await cosmos.serviceUpdate(body);
          described = await cosmos.serviceDescribe(appId);
          Object.assign(pkg, described.package);
          editSection();
          edit.prepend(h('p', { class: 'notice success', role: 'status', id: 'update-done' }, `Update applied${target.version !== undefined ? ` (version ${described.package.version})` : ''}. Marathon is deploying it.`));
          announce('Update applied');
          refresh();
        } catch (e) {
          applyButton.disabled = false;
          applyButton.textContent = 'Apply changes';
          clear(error).append(errorBox(e), e.status === 401 ? h('button', { type: 'button', class: 'secondary', onClick: askToken }, 'Enter token') : null);
        }
      }
    }
  }

  function uninstallSection() {
    const name = appId.replace(/^\//, '');
    const inputId = uid('confirm');
    const input = h('input', { id: inputId, type: 'text', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': `${inputId}-help` });
    const confirm = h('button', { type: 'button', class: 'danger', id: 'confirm-uninstall', disabled: true }, 'Uninstall');
    const error = h('div');
    const dialog = h('dialog', { 'aria-labelledby': 'uninstall-title', class: 'confirm' },
      h('h2', { id: 'uninstall-title' }, `Uninstall ${appId}?`),
      h('p', { id: `${inputId}-help` }, `This stops every task of ${appId} and removes the service. It cannot be undone. Type `, h('strong', null, name), ' to confirm.'),
      h('label', { for: inputId }, 'Service name'), input, error,
      h('div', { class: 'actions' }, confirm, h('button', { type: 'button', class: 'secondary', onClick: () => dialog.close() }, 'Cancel')));
    input.addEventListener('input', () => { confirm.disabled = input.value !== name; });
    const open = h('button', { type: 'button', class: 'danger', id: 'uninstall', onClick: () => { input.value = ''; confirm.disabled = true; clear(error); dialog.showModal(); input.focus(); } }, 'Uninstall…');
    dialog.addEventListener('close', () => { if (document.body.contains(open)) open.focus(); });
    confirm.addEventListener('click', async () => {
      confirm.disabled = true;
      confirm.textContent = 'Uninstalling…';
      try {
        const result = await cosmos.uninstall({ packageName: pkg.name, appId });
        dialog.close();
        stop();
        const notes = result.results?.[0]?.postUninstallNotes;
        clear(main).append(crumbs, h('h1', { tabindex: '-1' }, `${appId} uninstalled`),
          h('div', { class: 'notice success', role: 'status' }, h('p', null, `Cosmos removed ${appId}.`)),
          notes ? renderMarkdown(notes) : null,
          h('p', null, h('a', { href: '/services', 'data-nav': true, class: 'button' }, 'Back to services')));
        pageTitle(`${appId} uninstalled`, true);
      } catch (e) {
        confirm.textContent = 'Uninstall';
        confirm.disabled = input.value !== name;
        clear(error).append(errorBox(e), e.status === 401 ? h('button', { type: 'button', class: 'secondary', onClick: () => { dialog.close(); askToken(); } }, 'Enter token') : null);
      }
    });
    clear(danger).append(h('h2', { id: 'uninstall-h' }, 'Uninstall'), h('p', null, 'Stops the service and removes it. Its options are not kept.'), open, dialog);
  }

  editSection();
  uninstallSection();
  await refresh();
  const stop = liveRefresh(refresh);
  return { dispose: stop };
}
