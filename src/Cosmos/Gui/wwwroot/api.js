// The Cosmos RPCs (same media types as the CLI) and the Marathon API, with the session's token.

const TOKEN_KEY = 'universe.cosmos.token';
const vendor = (kind, version) => `application/vnd.dcos.${kind}+json;charset=utf-8;version=${version}`;

export class ApiError extends Error {
  constructor(status, type, message, data) {
    super(message);
    this.status = status;
    this.type = type;
    this.data = data;
  }
}

export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY) || '',
  set: (value) => value ? sessionStorage.setItem(TOKEN_KEY, value) : sessionStorage.removeItem(TOKEN_KEY),
};

/** Request headers with the session's bearer token, when there is one. */
export function authHeaders(extra) {
  const result = { ...extra };
  const t = token.get();
  if (t) result.Authorization = `Bearer ${t}`;
  return result;
}

async function parseError(response) {
  const text = await response.text();
  try {
    const body = JSON.parse(text);
    if (body && typeof body === 'object') {
      return new ApiError(response.status, body.type ?? 'error', body.message ?? text, body.data ?? body.details);
    }
  } catch { /* not JSON */ }
  return new ApiError(response.status, `HTTP ${response.status}`, text || response.statusText || 'Request failed');
}

function signalUnauthorized(error) {
  if (error.status === 401) window.dispatchEvent(new CustomEvent('cosmos-unauthorized', { detail: error }));
  return error;
}

/** POSTs a Cosmos RPC; resolves to the parsed body, rejects with ApiError. */
export async function rpc(path, requestKind, responseKind, version, body, signal) {
  let response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: authHeaders({ Accept: vendor(responseKind, version), 'Content-Type': vendor(requestKind, 'v1') }),
      body: JSON.stringify(body ?? {}),
      signal,
    });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', `Cosmos is not reachable: ${e.message}`);
  }
  if (!response.ok) throw signalUnauthorized(await parseError(response));
  return response.json();
}

export const cosmos = {
  search: (query, signal) => rpc('/package/search', 'package.search-request', 'package.search-response', 'v1', query ? { query } : {}, signal),
  describe: (packageName, packageVersion) => rpc('/package/describe', 'package.describe-request', 'package.describe-response', 'v3', clean({ packageName, packageVersion })),
  listVersions: (packageName) => rpc('/package/list-versions', 'package.list-versions-request', 'package.list-versions-response', 'v1', { packageName, includePackageVersions: true }),
  render: (body, signal) => rpc('/package/render', 'package.render-request', 'package.render-response', 'v1', clean(body), signal),
  install: (body) => rpc('/package/install', 'package.install-request', 'package.install-response', 'v2', clean(body)),
  uninstall: (body) => rpc('/package/uninstall', 'package.uninstall-request', 'package.uninstall-response', 'v1', clean(body)),
  list: (body) => rpc('/package/list', 'package.list-request', 'package.list-response', 'v1', clean(body ?? {})),
  serviceDescribe: (appId) => rpc('/service/describe', 'service.describe-request', 'service.describe-response', 'v1', { appId }),
  serviceUpdate: (body) => rpc('/service/update', 'service.update-request', 'service.update-response', 'v1', clean(body)),
  serviceDiff: (body, signal) => rpc('/service/diff', 'service.diff-request', 'service.diff-response', 'v1', clean(body), signal),
  repositories: () => rpc('/package/repository/list', 'package.repository.list-request', 'package.repository.list-response', 'v1', {}),
  addRepository: (body) => rpc('/package/repository/add', 'package.repository.add-request', 'package.repository.add-response', 'v1', clean(body)),
  deleteRepository: (body) => rpc('/package/repository/delete', 'package.repository.delete-request', 'package.repository.delete-response', 'v1', clean(body)),
};

function clean(body) {
  const result = {};
  for (const [k, v] of Object.entries(body)) if (v !== undefined && v !== null && v !== '') result[k] = v;
  return result;
}

let settingsPromise;
/** GET /gui/settings: {tokenRequired, marathon}. */
export function settings() {
  settingsPromise ??= fetch('/gui/settings').then(r => r.ok ? r.json() : { tokenRequired: false, marathon: '/marathon' })
    .catch(() => ({ tokenRequired: false, marathon: '/marathon' }));
  return settingsPromise;
}

/** GET on the Marathon API (JSON, or text when asText). */
export async function marathon(relative, { asText = false, signal } = {}) {
  const base = (await settings()).marathon;
  if (!base) throw new ApiError(0, 'no_marathon', 'Live status is not available: Cosmos uses an external Marathon.');
  let response;
  try {
    response = await fetch(`${base}/${relative}`, { headers: authHeaders({ Accept: asText ? 'text/plain' : 'application/json' }), signal });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', `Marathon is not reachable: ${e.message}`);
  }
  if (!response.ok) throw signalUnauthorized(await parseError(response));
  return asText ? response.text() : response.json();
}
