// A form generated from a package's config.json: top-level object properties become tabs, each property a widget by
// type (string, number, integer, boolean, enum, object, array; anything else a JSON field), defaults prefilled,
// descriptions visible, required fields marked. Errors are shown at their JSON paths, next to their field.
import { h, clear, uid, append } from './dom.js';
import { isObject, clone, getAt, setAt, escapePointer } from './json.js';

const typeOf = (schema) => {
  if (!isObject(schema)) return 'json';
  if (Array.isArray(schema.enum)) return 'enum';
  const t = Array.isArray(schema.type) ? schema.type.find(x => x !== 'null') : schema.type;
  if (t === 'object' || (!t && isObject(schema.properties))) return isObject(schema.properties) ? 'object' : 'json';
  return ['string', 'number', 'integer', 'boolean', 'array'].includes(t) ? t : 'json';
};

export function createOptionsForm({ schema, values, onChange, idPrefix = 'opt' }) {
  let current = clone(values) ?? {};
  const root = isObject(schema) ? schema : { type: 'object', properties: {} };
  const fields = new Map(); // pointer -> { error, control, tab }
  const element = h('div', { class: 'options-form' });
  let activeTab = 0;
  let tabs = [];

  const changed = () => onChange?.(clone(current));

  function label(name, schemaNode, required, forId) {
    return h('label', { for: forId }, schemaNode?.title ?? name,
      required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null,
      required ? h('span', { class: 'visually-hidden' }, ' (required)') : null);
  }

  function register(pointer, control, error, tab) {
    fields.set(pointer, { control, error, tab });
  }

  function field(name, schemaNode, pointer, required, tab) {
    const type = typeOf(schemaNode);
    if (type === 'object') return objectFields(name, schemaNode, pointer, required, tab);
    if (type === 'array') return arrayField(name, schemaNode, pointer, required, tab);
    const id = `${idPrefix}-${pointer.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
    const descId = `${id}-desc`;
    const errId = `${id}-err`;
    const value = getAt(current, pointer);
    const describedBy = [schemaNode?.description ? descId : null, errId].filter(Boolean).join(' ');
    const error = h('p', { class: 'field-error', id: errId, hidden: true });
    let control;
    const attrs = { id, name: pointer, 'aria-describedby': describedBy, 'data-pointer': pointer, required: required || null, 'aria-required': required ? 'true' : null };
    if (type === 'boolean') {
      control = h('input', { ...attrs, type: 'checkbox', checked: value === true });
      control.addEventListener('change', () => { setAt(current, pointer, control.checked); changed(); });
      const wrap = h('div', { class: 'field checkbox' }, control, label(name, schemaNode, required, id),
        schemaNode?.description ? h('p', { class: 'help', id: descId }, schemaNode.description) : null, error);
      register(pointer, control, error, tab);
      return wrap;
    }
    if (type === 'enum') {
      const options = [...schemaNode.enum];
      if (value !== undefined && !options.some(o => o === value)) options.unshift(value);
      control = h('select', attrs,
        value === undefined ? h('option', { value: '' }, '(not set)') : null,
        options.map((o, i) => h('option', { value: String(i), selected: o === value }, o === null ? 'null' : String(o))));
      control.addEventListener('change', () => {
        setAt(current, pointer, control.value === '' ? undefined : options[Number(control.value)]);
        changed();
      });
    } else if (type === 'number' || type === 'integer') {
      control = h('input', { ...attrs, type: 'number', inputmode: type === 'integer' ? 'numeric' : 'decimal', step: type === 'integer' ? '1' : 'any',
        min: schemaNode.minimum, max: schemaNode.maximum, value: value ?? '' });
      control.addEventListener('input', () => {
        const raw = control.value.trim();
        setAt(current, pointer, raw === '' ? (control.validity.badInput ? 'not a number' : undefined) : Number(raw));
        changed();
      });
    } else if (type === 'string') {
      const multiline = typeof value === 'string' && value.includes('\n');
      control = multiline
        ? h('textarea', { ...attrs, rows: 4, spellcheck: 'false' }, value ?? '')
        : h('input', { ...attrs, type: schemaNode.format === 'password' ? 'password' : 'text', value: value ?? '', spellcheck: 'false', autocomplete: 'off' });
      control.addEventListener('input', () => { setAt(current, pointer, control.value === '' && value === undefined ? undefined : control.value); changed(); });
    } else {
      control = h('textarea', { ...attrs, rows: 4, spellcheck: 'false', class: 'code' }, value === undefined ? '' : JSON.stringify(value, null, 2));
      control.addEventListener('input', () => {
        if (control.value.trim() === '') { setAt(current, pointer, undefined); changed(); return; }
        try {
          setAt(current, pointer, JSON.parse(control.value));
          control.removeAttribute('aria-invalid');
          changed();
        } catch (e) {
          showFieldError(pointer, [`Not valid JSON: ${e.message}`]);
        }
      });
    }
    register(pointer, control, error, tab);
    return h('div', { class: 'field' }, label(name, schemaNode, required, id),
      schemaNode?.description ? h('p', { class: 'help', id: descId }, schemaNode.description) : null,
      control, error);
  }

  function objectFields(name, schemaNode, pointer, required, tab, asPanel = false) {
    const errId = uid('err');
    const error = h('p', { class: 'field-error', id: errId, hidden: true });
    const requiredKeys = new Set(schemaNode.required ?? []);
    const children = Object.entries(schemaNode.properties ?? {}).map(([key, sub]) =>
      field(key, sub, `${pointer}/${escapePointer(key)}`, requiredKeys.has(key), tab));
    const container = asPanel
      ? h('div', { class: 'fieldset-body' }, schemaNode.description ? h('p', { class: 'help' }, schemaNode.description) : null, error, children)
      : h('fieldset', { 'aria-describedby': errId },
        h('legend', null, schemaNode.title ?? name, required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null),
        schemaNode.description ? h('p', { class: 'help' }, schemaNode.description) : null, error, children);
    register(pointer, container, error, tab);
    return container;
  }

  function arrayField(name, schemaNode, pointer, required, tab) {
    const itemSchema = isObject(schemaNode.items) ? schemaNode.items : {};
    const errId = uid('err');
    const error = h('p', { class: 'field-error', id: errId, hidden: true });
    const body = h('div', { class: 'array-items' });
    const box = h('fieldset', { class: 'array', 'aria-describedby': errId },
      h('legend', null, schemaNode.title ?? name, required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null),
      schemaNode.description ? h('p', { class: 'help' }, schemaNode.description) : null, error, body);
    register(pointer, box, error, tab);
    const draw = () => {
      const items = Array.isArray(getAt(current, pointer)) ? getAt(current, pointer) : [];
      clear(body).append(...items.map((_, i) => h('div', { class: 'array-item' },
        field(`${name} item ${i + 1}`, itemSchema, `${pointer}/${i}`, false, tab),
        h('button', { type: 'button', class: 'secondary small', 'aria-label': `Remove ${name} item ${i + 1}`, onClick: () => {
          const list = getAt(current, pointer); list.splice(i, 1); draw(); changed();
        } }, 'Remove'))),
      h('button', { type: 'button', class: 'secondary small', onClick: () => {
        const list = Array.isArray(getAt(current, pointer)) ? getAt(current, pointer) : [];
        const t = typeOf(itemSchema);
        list.push(itemSchema.default !== undefined ? clone(itemSchema.default) : t === 'object' ? {} : t === 'boolean' ? false : t === 'number' || t === 'integer' ? 0 : t === 'string' ? '' : null);
        setAt(current, pointer, list); draw(); changed();
        body.querySelector('.array-item:last-of-type input, .array-item:last-of-type select, .array-item:last-of-type textarea')?.focus();
      } }, `Add ${name} item`));
    };
    draw();
    return box;
  }

  function build() {
    fields.clear();
    element.replaceChildren();
    const props = Object.entries(root.properties ?? {});
    const requiredKeys = new Set(root.required ?? []);
    const general = props.filter(([, s]) => typeOf(s) !== 'object');
    const sections = props.filter(([, s]) => typeOf(s) === 'object');
    tabs = [...(general.length || sections.length === 0 ? [{ name: 'General', general: true }] : []), ...sections.map(([name, s]) => ({ name, schema: s }))];
    if (activeTab >= tabs.length) activeTab = 0;
    const tablist = h('div', { role: 'tablist', 'aria-label': 'Option sections', class: 'tabs' });
    const panels = [];
    tabs.forEach((tab, i) => {
      const tabId = `${idPrefix}-tab-${i}`;
      const panelId = `${idPrefix}-panel-${i}`;
      const count = h('span', { class: 'error-count', hidden: true });
      const button = h('button', { type: 'button', role: 'tab', id: tabId, 'aria-controls': panelId, 'aria-selected': String(i === activeTab),
        tabindex: i === activeTab ? '0' : '-1', dataset: { tab: tab.name }, onClick: () => select(i, true) },
      h('span', { class: 'tab-label' }, tab.schema?.title ?? capitalise(tab.name)), count);
      button.addEventListener('keydown', (e) => {
        const next = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
        if (next === undefined) return;
        e.preventDefault();
        select((next + tabs.length) % tabs.length, true);
      });
      tab.button = button;
      tab.count = count;
      tablist.append(button);
      const panel = h('div', { role: 'tabpanel', id: panelId, 'aria-labelledby': tabId, hidden: i !== activeTab, class: 'tabpanel' });
      if (tab.general) {
        panel.append(...(general.length ? general.map(([key, s]) => field(key, s, `/${escapePointer(key)}`, requiredKeys.has(key), i))
          : [h('p', { class: 'muted' }, 'This package has no options.')]));
      } else {
        panel.append(objectFields(tab.name, tab.schema, `/${escapePointer(tab.name)}`, requiredKeys.has(tab.name), i, true));
      }
      tab.panel = panel;
      panels.push(panel);
    });
    append(element, [tabs.length > 1 ? tablist : null, ...panels]);
    if (tabs.length <= 1 && panels[0]) { panels[0].removeAttribute('role'); panels[0].removeAttribute('aria-labelledby'); }
  }

  function select(i, focusTab) {
    activeTab = i;
    tabs.forEach((tab, j) => {
      tab.button.setAttribute('aria-selected', String(i === j));
      tab.button.tabIndex = i === j ? 0 : -1;
      tab.panel.hidden = i !== j;
    });
    if (focusTab) tabs[i].button.focus();
  }

  function showFieldError(pointer, messages) {
    const f = fields.get(pointer);
    if (!f) return;
    f.error.hidden = messages.length === 0;
    f.error.textContent = messages.join(' ');
    if (messages.length) f.control.setAttribute('aria-invalid', 'true'); else f.control.removeAttribute('aria-invalid');
  }

  /** Nearest field for an error pointer (the field itself, or its closest registered ancestor). */
  function fieldFor(pointer) {
    let p = pointer ?? '';
    while (p && !fields.has(p)) p = p.slice(0, p.lastIndexOf('/'));
    return fields.has(p) ? p : null;
  }

  /**
   * Shows Cosmos validation errors (JsonSchemaMismatch data.errors) next to their fields; returns
   * [{pointer, message, field}] for the summary (field null when no field shows it).
   */
  function showErrors(errors) {
    const byField = new Map();
    const list = [];
    for (const e of errors ?? []) {
      const base = e.instance?.pointer ?? '';
      const targets = e.keyword === 'required' && Array.isArray(e.missing) ? e.missing.map(m => `${base}/${escapePointer(m)}`)
        : e.keyword === 'additionalProperties' && Array.isArray(e.unwanted) ? e.unwanted.map(u => `${base}/${escapePointer(u)}`) : [base];
      for (const target of targets) {
        const at = fieldFor(target) ?? fieldFor(base);
        const message = at === target || e.keyword !== 'additionalProperties' ? e.message : `${e.message}`;
        list.push({ pointer: target, message, field: at });
        if (at !== null) byField.set(at, [...(byField.get(at) ?? []), message]);
      }
    }
    for (const pointer of fields.keys()) showFieldError(pointer, byField.get(pointer) ?? []);
    tabs.forEach((tab, i) => {
      const n = list.filter(e => e.field !== null && fields.get(e.field)?.tab === i).length;
      tab.count.hidden = n === 0;
      tab.count.textContent = n ? ` (${n} ${n === 1 ? 'error' : 'errors'})` : '';
    });
    return list;
  }

  function focusField(pointer) {
    const f = fields.get(pointer);
    if (!f) return;
    if (f.tab !== undefined && tabs[f.tab]) select(f.tab, false);
    const target = f.control.matches('input, select, textarea') ? f.control : f.control.querySelector('input, select, textarea, button');
    (target ?? f.control).focus();
  }

  build();
  return {
    element,
    getValues: () => clone(current),
    setValues: (v) => { current = clone(v) ?? {}; build(); },
    showErrors,
    focusField,
  };
}

function capitalise(s) {
  return s.length ? s[0].toUpperCase() + s.slice(1) : s;
}

