// Repositories: list in priority order with each one's health, add (name, URL, priority) and remove.
import { cosmos } from './api.js';
import { h, clear, errorBox, pageTitle, announce, uid } from './dom.js';
import { askToken } from './app.js';

export async function repositoriesPage(main, { focus }) {
  const list = h('div', { id: 'repository-list' }, h('p', { class: 'loading', role: 'status' }, 'Loading repositories…'));
  const formError = h('div');
  const ids = { name: uid('repo-name'), uri: uid('repo-uri'), index: uid('repo-index') };
  const nameInput = h('input', { id: ids.name, name: 'name', required: true, autocomplete: 'off', spellcheck: 'false' });
  const uriInput = h('input', { id: ids.uri, name: 'uri', required: true, type: 'text', inputmode: 'url', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': `${ids.uri}-help` });
  const indexInput = h('input', { id: ids.index, name: 'index', type: 'number', min: 0, step: 1, inputmode: 'numeric', 'aria-describedby': `${ids.index}-help` });
  const form = h('form', { class: 'repo-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: ids.name }, 'Name', h('span', { class: 'required', 'aria-hidden': 'true' }, ' *')), nameInput),
    h('div', { class: 'field' }, h('label', { for: ids.uri }, 'URL', h('span', { class: 'required', 'aria-hidden': 'true' }, ' *')),
      h('p', { class: 'help', id: `${ids.uri}-help` }, 'A repo JSON URL (http, https), a git URL, or a universe tree path where local repositories are allowed.'), uriInput),
    h('div', { class: 'field' }, h('label', { for: ids.index }, 'Priority'),
      h('p', { class: 'help', id: `${ids.index}-help` }, '0 is the highest priority; empty adds it last (lowest).'), indexInput),
    formError,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Add repository')));
  clear(main).append(h('h1', null, 'Repositories'),
    h('p', { class: 'help' }, 'Cosmos merges the repositories in priority order: for a package name, the first repository that has it wins.'),
    list,
    h('section', { 'aria-labelledby': 'add-h' }, h('h2', { id: 'add-h' }, 'Add a repository'), form));
  pageTitle('Repositories', focus);

  function render(repositories) {
    if (repositories.length === 0) {
      clear(list).append(h('div', { class: 'empty' }, h('p', null, 'No package repositories: the catalog is empty. Add one below.')));
      return;
    }
    clear(list).append(h('div', { class: 'table-scroll', role: 'region', 'aria-label': 'Package repositories', tabindex: '0' }, h('table', { class: 'repositories' },
      h('thead', null, h('tr', null, ['Priority', 'Name', 'URL', 'Status', 'Actions'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', null, repositories.map((repo, i) => {
        const s = repo.status ?? {};
        const state = s.state ?? 'unknown';
        return h('tr', { dataset: { repository: repo.name } },
          h('td', null, String(i)),
          h('th', { scope: 'row' }, repo.name),
          h('td', { class: 'uri' }, h('code', null, repo.uri)),
          h('td', null, h('span', { class: `status status-${state}` }, { ok: 'OK', degraded: 'Degraded', error: 'Error', loading: 'Loading' }[state] ?? state),
            typeof s.packages === 'number' ? ` ${s.packages} packages` : '',
            s.message ? h('p', { class: 'muted' }, s.message) : null,
            (s.errors ?? []).length ? h('details', null, h('summary', null, `${s.errors.length} problems`), h('ul', null, s.errors.slice(0, 50).map(e => h('li', null, e)))) : null),
          h('td', null, h('button', { type: 'button', class: 'danger small', 'aria-label': `Remove repository ${repo.name}`, onClick: (e) => remove(repo, e.currentTarget) }, 'Remove')));
      })))));
  }

  async function load() {
    try {
      render((await cosmos.repositories()).repositories ?? []);
    } catch (error) {
      clear(list).append(errorBox(error, load));
    }
  }

  function showError(box, error) {
    clear(box).append(errorBox(error), error.status === 401 ? h('button', { type: 'button', class: 'secondary', onClick: askToken }, 'Enter token') : null);
    box.querySelector('[role=alert]').setAttribute('tabindex', '-1');
    box.querySelector('[role=alert]').focus();
  }

  async function remove(repo, button) {
    const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'remove-title' });
    const error = h('div');
    const confirm = h('button', { type: 'button', class: 'danger', id: 'confirm-remove' }, 'Remove');
    dialog.append(h('h2', { id: 'remove-title' }, `Remove repository “${repo.name}”?`),
      h('p', null, 'Its packages leave the catalog. Installed services keep running.'), error,
      h('div', { class: 'actions' }, confirm, h('button', { type: 'button', class: 'secondary', onClick: () => dialog.close() }, 'Cancel')));
    dialog.addEventListener('close', () => { dialog.remove(); if (document.body.contains(button)) button.focus(); else main.querySelector('h1')?.focus(); });
    confirm.addEventListener('click', async () => {
      try {
        render((await cosmos.deleteRepository({ name: repo.name })).repositories ?? []);
        dialog.close();
        announce(`Repository ${repo.name} removed`);
      } catch (e) {
        showError(error, e);
      }
    });
    main.append(dialog);
    dialog.showModal();
    confirm.focus();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(formError);
    const name = nameInput.value.trim();
    const uri = uriInput.value.trim();
    if (!name || !uri) {
      showError(formError, { message: 'Name and URL are required.' });
      (name ? uriInput : nameInput).focus();
      return;
    }
    const index = indexInput.value === '' ? undefined : Number(indexInput.value);
    try {
      render((await cosmos.addRepository({ name, uri, index })).repositories ?? []);
      form.reset();
      announce(`Repository ${name} added`);
      nameInput.focus();
    } catch (e) {
      showError(formError, e);
    }
  });

  await load();
  return null;
}
