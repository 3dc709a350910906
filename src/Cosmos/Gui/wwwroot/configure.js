// The options editor shared by install and service edit: the schema form and a JSON editor kept in sync, and live
// validation through POST /package/render, so the GUI shows the same errors at the same JSON paths as the CLI and API.
import { cosmos } from './api.js';
import { h, clear, uid } from './dom.js';
import { createOptionsForm } from './form.js';
import { schemaDefaults, merge, delta } from './json.js';

/**
 * Creates the editor. packageName/packageVersion/appId address the render; initial: the options to start from
 * (merged over the schema defaults). onValidated(result) gets {ok, app, errors, error}.
 */
export function createConfigurator({ schema, packageName, packageVersion, appId, initial, onValidated, idPrefix = 'opt' }) {
  const defaults = schemaDefaults(schema) ?? {};
  let values = merge(defaults, initial ?? {});
  let result = { ok: false, pending: true };
  let controller = null;
  let timer = null;
  let validation = Promise.resolve(result);

  const summary = h('div', { class: 'error-summary', tabindex: '-1', hidden: true, 'aria-live': 'polite' });
  const jsonId = uid('json');
  const json = h('textarea', { id: jsonId, class: 'code json-editor', rows: 14, spellcheck: 'false', autocomplete: 'off',
    'aria-describedby': `${jsonId}-help ${jsonId}-err` });
  const jsonError = h('p', { class: 'field-error', id: `${jsonId}-err`, hidden: true });
  const status = h('p', { class: 'validation-status', role: 'status' });

  const form = createOptionsForm({ schema, values, idPrefix, onChange: (v) => { values = v; syncJson(); schedule(); } });

  function options() {
    return delta(values, defaults) ?? {};
  }

  function syncJson() {
    if (document.activeElement !== json) json.value = JSON.stringify(options(), null, 2);
  }

  json.addEventListener('input', () => {
    let parsed;
    try {
      parsed = json.value.trim() === '' ? {} : JSON.parse(json.value);
    } catch (e) {
      jsonError.hidden = false;
      jsonError.textContent = `Not valid JSON: ${e.message}`;
      json.setAttribute('aria-invalid', 'true');
      return;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      jsonError.hidden = false;
      jsonError.textContent = 'The options must be a JSON object.';
      json.setAttribute('aria-invalid', 'true');
      return;
    }
    jsonError.hidden = true;
    json.removeAttribute('aria-invalid');
    values = merge(defaults, parsed);
    form.setValues(values);
    schedule();
  });
  json.addEventListener('blur', syncJson);

  function schedule() {
    clearTimeout(timer);
    status.textContent = 'Checking options…';
    result = { ok: false, pending: true };
    validation = new Promise((resolve) => { timer = setTimeout(() => validate().then(resolve), 250); });
  }

  async function validate() {
    controller?.abort();
    controller = new AbortController();
    try {
      const response = await cosmos.render({ packageName, packageVersion, options: options(), appId }, controller.signal);
      result = { ok: true, app: response.marathonJson, errors: [] };
    } catch (error) {
      if (error.name === 'AbortError') return result;
      const errors = error.type === 'JsonSchemaMismatch' ? error.data?.errors ?? [] : [];
      result = { ok: false, errors, error };
    }
    show();
    onValidated?.(result);
    return result;
  }

  function show() {
    const list = form.showErrors(result.errors ?? []);
    clear(summary);
    if (result.ok) {
      summary.hidden = true;
      status.textContent = 'Options are valid.';
      return;
    }
    summary.hidden = false;
    status.textContent = list.length ? `${list.length} ${list.length === 1 ? 'problem' : 'problems'} in the options.` : 'The options cannot be rendered.';
    summary.append(h('h2', null, list.length ? `${list.length} ${list.length === 1 ? 'problem' : 'problems'} to fix` : 'Cannot render the options'),
      list.length
        ? h('ul', null, list.map(e => h('li', null, h('button', { type: 'button', class: 'link-button', onClick: () => e.field !== null && form.focusField(e.field) },
          h('code', null, e.pointer || '/'), ` ${e.message}`))))
        : h('p', null, result.error?.message ?? 'Unknown error', result.error?.type ? ` (${result.error.type})` : ''));
  }

  const element = h('div', { class: 'configurator' },
    summary,
    h('div', { class: 'config-columns' },
      h('div', { class: 'config-form' }, form.element),
      h('div', { class: 'config-json' },
        h('label', { for: jsonId }, 'Options JSON'),
        h('p', { class: 'help', id: `${jsonId}-help` }, 'Your changes to the defaults: the file ', h('code', null, 'dcos package install --options'), ' takes. Edits here update the form.'),
        json, jsonError)),
    status);

  syncJson();
  schedule();
  return {
    element,
    options,
    values: () => values,
    /** Waits for the pending validation; resolves to {ok, app, errors, error}. */
    validated: async () => { await validation; return result; },
    focusSummary: () => { summary.focus(); },
  };
}
