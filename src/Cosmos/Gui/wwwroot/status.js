// Live status from the Marathon API: status and health words (DC/OS vocabulary), cluster capacity, resource bars,
// and a refresher that follows /marathon/v2/events and polls as a fallback.
import { h } from './dom.js';
import { marathon, settings, authHeaders } from './api.js';

export function statusOf(app) {
  if (!app) return 'Not found';
  if ((app.deployments ?? []).length > 0) return 'Deploying';
  if (app.instances === 0) return 'Stopped';
  if ((app.tasksRunning ?? 0) >= app.instances) return 'Running';
  if (app.lastTaskFailure && (app.tasksRunning ?? 0) === 0) return 'Failing';
  return 'Waiting';
}

export function healthOf(app) {
  if (!app || !(app.healthChecks ?? []).length) return 'N/A';
  if ((app.tasksUnhealthy ?? 0) > 0) return 'Unhealthy';
  if ((app.tasksRunning ?? 0) > 0 && (app.tasksHealthy ?? 0) >= app.tasksRunning) return 'Healthy';
  return 'Unknown';
}

export function statusBadge(text) {
  return h('span', { class: `status status-${text.toLowerCase().replace(/[^a-z]+/g, '-')}` }, text);
}

/** Total cpus and mem of the cluster's agents (from /marathon/runtime/info, or /v2/info before that existed). */
export async function capacity() {
  for (const path of ['runtime/info', 'v2/info']) {
    try {
      const info = await marathon(path);
      if (Array.isArray(info.agents) && info.agents.length) {
        const total = { cpus: 0, mem: 0 };
        for (const agent of info.agents) {
          const text = typeof agent.resources === 'string' ? agent.resources : '';
          for (const part of text.split(';')) {
            const m = /^\s*(cpus|mem)(?:\([^)]*\))?:([\d.]+)/.exec(part);
            if (m) total[m[1]] += Number(m[2]);
          }
        }
        if (total.cpus > 0) return total;
      }
    } catch { /* try the next */ }
  }
  return null;
}

/** A labelled bar: used of total (text and an accessible name, the fill drawn from CSSOM so CSP allows it). */
export function bar(label, used, total, unit) {
  const fraction = total > 0 ? Math.min(1, used / total) : 0;
  const text = `${format(used)}${unit}${total > 0 ? ` of ${format(total)}${unit}` : ''}`;
  const fill = h('span', { class: 'bar-fill' });
  fill.style.width = `${(fraction * 100).toFixed(1)}%`;
  return h('div', { class: 'usage' },
    h('span', { class: 'usage-text' }, `${label} ${text}`),
    h('span', { class: 'bar', role: 'img', 'aria-label': `${label}: ${text} (${Math.round(fraction * 100)}%)` }, fill));
}

const format = (n) => (Math.round(n * 100) / 100).toString();

/**
 * Calls refresh() on Marathon events (throttled) and every intervalMs; returns a stop function. The event stream is
 * read with fetch (not EventSource) so that it carries the session's bearer token when Cosmos requires one.
 */
export function liveRefresh(refresh, intervalMs = 3000) {
  let stopped = false;
  let pending = null;
  const controller = new AbortController();
  const kick = () => {
    if (stopped || pending) return;
    pending = setTimeout(() => { pending = null; if (!stopped) refresh(); }, 300);
  };
  settings().then(async (s) => {
    if (stopped || !s.marathon) return;
    try {
      const response = await fetch(`${s.marathon}/v2/events`, { headers: authHeaders({ Accept: 'text/event-stream' }), signal: controller.signal });
      if (!response.ok || !response.body) return;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done || stopped) break;
        buffer += value;
        const frames = buffer.split('\n\n');
        buffer = frames.pop() ?? '';
        if (frames.some(f => /^event: (?!event_stream_attached)/m.test(f))) kick();
      }
    } catch { /* polling goes on */ }
  });
  const timer = setInterval(() => { if (!stopped) refresh(); }, intervalMs);
  return () => { stopped = true; clearInterval(timer); clearTimeout(pending); controller.abort(); };
}
