// JSON value helpers: JSON Pointer access, defaults from a schema, merge, the user's delta from the defaults.

export const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
export const clone = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
export const equal = (a, b) => JSON.stringify(a) === JSON.stringify(b);

export const escapePointer = (key) => String(key).replace(/~/g, '~0').replace(/\//g, '~1');
export const splitPointer = (pointer) => (pointer ? pointer.split('/').slice(1).map(s => s.replace(/~1/g, '/').replace(/~0/g, '~')) : []);

export function getAt(root, pointer) {
  let node = root;
  for (const key of splitPointer(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = node[key];
  }
  return node;
}

export function setAt(root, pointer, value) {
  const keys = splitPointer(pointer);
  let node = root;
  for (let i = 0; i < keys.length - 1; i += 1) {
    if (!isObject(node[keys[i]]) && !Array.isArray(node[keys[i]])) node[keys[i]] = {};
    node = node[keys[i]];
  }
  const last = keys[keys.length - 1];
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(Number(last), 1); else delete node[last];
  } else {
    node[last] = value;
  }
}

/** The defaults a schema gives (Cosmos fills these in before validating): nested property defaults included. */
export function schemaDefaults(schema) {
  if (!isObject(schema)) return undefined;
  if (isObject(schema.properties)) {
    const result = isObject(schema.default) ? clone(schema.default) : {};
    for (const [key, sub] of Object.entries(schema.properties)) {
      const d = schemaDefaults(sub);
      if (d !== undefined && result[key] === undefined) result[key] = d;
      else if (isObject(d) && isObject(result[key])) result[key] = merge(d, result[key]);
    }
    return Object.keys(result).length > 0 || schema.default !== undefined ? result : undefined;
  }
  return clone(schema.default);
}

/** Deep merge: objects merge key by key, anything else in over replaces. */
export function merge(base, over) {
  if (!isObject(base) || !isObject(over)) return clone(over === undefined ? base : over);
  const result = clone(base);
  for (const [key, value] of Object.entries(over)) result[key] = isObject(result[key]) && isObject(value) ? merge(result[key], value) : clone(value);
  return result;
}

/** What differs from the defaults (the user's options), or undefined when nothing does. */
export function delta(values, defaults) {
  if (isObject(values) && isObject(defaults)) {
    const result = {};
    for (const [key, value] of Object.entries(values)) {
      const d = delta(value, defaults[key]);
      if (d !== undefined) result[key] = d;
    }
    return Object.keys(result).length ? result : undefined;
  }
  return equal(values, defaults) ? undefined : clone(values);
}
