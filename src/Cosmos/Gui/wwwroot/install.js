// Install: configure (form + JSON, validated live), review (options, the rendered Marathon app, download), install.
import { cosmos } from './api.js';
import { h, clear, errorBox, pageTitle, downloadJson, announce } from './dom.js';
import { renderMarkdown } from './markdown.js';
import { createConfigurator } from './configure.js';
import { askToken } from './app.js';

export async function installPage(main, { params, query, focus }) {
  const name = params[0];
  const version = query.get('version') || undefined;
  const crumbs = (step) => h('nav', { 'aria-label': 'Breadcrumb', class: 'breadcrumb' }, h('ol', null,
    h('li', null, h('a', { href: '/catalog', 'data-nav': true }, 'Catalog')),
    h('li', null, h('a', { href: `/catalog/packages/${encodeURIComponent(name)}${version ? `?version=${encodeURIComponent(version)}` : ''}`, 'data-nav': true }, name)),
    h('li', null, h('span', { 'aria-current': 'page' }, step))));
  clear(main).append(crumbs('Install'), h('h1', null, `Install ${name}`), h('p', { class: 'loading', role: 'status' }, 'Loading options…'));
  pageTitle(`Install ${name}`, focus);

  let pkg;
  try {
    pkg = (await cosmos.describe(name, version)).package;
  } catch (error) {
    main.querySelector('.loading')?.remove();
    main.append(errorBox(error));
    return null;
  }
  const schema = pkg.config ?? { type: 'object', properties: {} };
  const configurator = createConfigurator({ schema, packageName: pkg.name, packageVersion: pkg.version, idPrefix: 'install' });

  function configureStep(focusHeading) {
    clear(main).append(crumbs('Configure'), h('h1', null, `Install ${pkg.name} ${pkg.version}`),
      h('p', { class: 'step' }, 'Step 1 of 2: configure'),
      configurator.element,
      h('div', { class: 'actions sticky' },
        h('button', { type: 'button', class: 'primary', id: 'review-button', onClick: review }, 'Review'),
        h('a', { href: `/catalog/packages/${encodeURIComponent(pkg.name)}?version=${encodeURIComponent(pkg.version)}`, 'data-nav': true, class: 'button secondary' }, 'Cancel')));
    pageTitle(`Install ${pkg.name}`, focusHeading);
  }

  async function review() {
    const button = main.querySelector('#review-button');
    button.disabled = true;
    button.textContent = 'Checking…';
    const result = await configurator.validated();
    button.disabled = false;
    button.textContent = 'Review';
    if (!result.ok) { configurator.focusSummary(); return; }
    reviewStep(result.app);
  }

  function reviewStep(app) {
    const options = configurator.options();
    const error = h('div', { class: 'install-error' });
    const installButton = h('button', { type: 'button', class: 'primary', id: 'install-button', onClick: install }, 'Install');
    clear(main).append(crumbs('Review'), h('h1', null, `Review ${pkg.name} ${pkg.version}`),
      h('p', { class: 'step' }, 'Step 2 of 2: review and install'),
      pkg.preInstallNotes ? h('section', { class: 'notice warning', 'aria-labelledby': 'pre-h' }, h('h2', { id: 'pre-h' }, 'Pre-install notes'), renderMarkdown(pkg.preInstallNotes)) : null,
      h('section', { 'aria-labelledby': 'opts-h' }, h('h2', { id: 'opts-h' }, 'Options'),
        h('pre', { class: 'code', tabindex: '0', 'aria-labelledby': 'opts-h', id: 'review-options' }, JSON.stringify(options, null, 2))),
      h('section', { 'aria-labelledby': 'app-h' }, h('h2', { id: 'app-h' }, 'Rendered Marathon app'),
        h('p', { class: 'help' }, 'Exactly what Cosmos will send to Marathon (from ', h('code', null, 'POST /package/render'), ').'),
        h('pre', { class: 'code', tabindex: '0', 'aria-labelledby': 'app-h', id: 'rendered-app' }, JSON.stringify(app, null, 2))),
      error,
      h('div', { class: 'actions sticky' },
        installButton,
        h('button', { type: 'button', class: 'secondary', id: 'download-options', onClick: () => downloadJson(options, `${pkg.name}-options.json`) }, 'Download options file'),
        h('button', { type: 'button', class: 'secondary', onClick: () => configureStep(true) }, 'Back to configuration')));
    pageTitle(`Review ${pkg.name}`, true);

    async function install() {
      installButton.disabled = true;
      installButton.textContent = 'Installing…';
      clear(error);
      try {
        const response = await cosmos.install({ packageName: pkg.name, packageVersion: pkg.version, options });
        doneStep(response);
      } catch (e) {
        installButton.disabled = false;
        installButton.textContent = 'Install';
        clear(error).append(errorBox(e), e.status === 401 ? h('button', { type: 'button', class: 'secondary', onClick: askToken }, 'Enter token') : null);
        error.querySelector('[role=alert]')?.setAttribute('tabindex', '-1');
        error.querySelector('[role=alert]')?.focus();
      }
    }
  }

  function doneStep(response) {
    const appId = response.appId;
    clear(main).append(crumbs('Installed'), h('h1', null, `${pkg.name} ${pkg.version} installed`),
      h('div', { class: 'notice success', role: 'status' },
        h('p', null, appId ? `Cosmos is deploying ${appId}.` : 'Installed (this package runs no service).'),
        appId ? h('p', null, h('a', { href: `/services/detail?id=${encodeURIComponent(appId)}`, 'data-nav': true, class: 'button primary', id: 'open-service' }, `Open service ${appId}`)) : null),
      response.postInstallNotes ? h('section', { 'aria-labelledby': 'post-h' }, h('h2', { id: 'post-h' }, 'Post-install notes'), renderMarkdown(response.postInstallNotes)) : null);
    pageTitle(`${pkg.name} installed`, true);
    announce(`${pkg.name} installed`);
  }

  configureStep(false);
  return null;
}
