// Package detail: version picker, safe Markdown, notes, licences, links, maintainer, screenshots, tags,
// minDcosReleaseVersion, and installed instances older than the version shown.
import { cosmos } from './api.js';
import { h, clear, icon, badge, errorBox, pageTitle, safeUrl, proxiedImage, uid } from './dom.js';
import { renderMarkdown } from './markdown.js';
import { sortVersions, compareVersions } from './versions.js';

export async function detailPage(main, { params, query, navigate, focus }) {
  const name = params[0];
  const version = query.get('version') || undefined;
  clear(main).append(
    h('nav', { 'aria-label': 'Breadcrumb', class: 'breadcrumb' }, h('ol', null,
      h('li', null, h('a', { href: '/catalog', 'data-nav': true }, 'Catalog')),
      h('li', null, h('span', { 'aria-current': 'page' }, name)))),
    h('h1', null, name),
    h('p', { class: 'loading', role: 'status' }, 'Loading package…'));
  pageTitle(name, focus);

  let described; let versions; let installed;
  try {
    [described, versions, installed] = await Promise.all([
      cosmos.describe(name, version),
      cosmos.listVersions(name).then(r => r.results).catch(() => ({})),
      cosmos.list({ packageName: name }).then(r => r.packages ?? []).catch(() => []),
    ]);
  } catch (error) {
    main.querySelector('.loading')?.remove();
    main.append(errorBox(error, () => detailPage(main, { params, query, navigate, focus: true })));
    return null;
  }
  const pkg = described.package;
  main.querySelector('.loading')?.remove();
  const heading = main.querySelector('h1');

  const versionId = uid('version');
  const ordered = sortVersions(versions);
  if (!ordered.includes(pkg.version)) ordered.unshift(pkg.version);
  const picker = h('select', { id: versionId, onChange: (e) => navigate(`/catalog/packages/${encodeURIComponent(name)}?version=${encodeURIComponent(e.target.value)}`) },
    ordered.map(v => h('option', { value: v, selected: v === pkg.version }, v)));
  const hasService = !!pkg.marathon?.v2AppMustacheTemplate;
  const installHref = `/catalog/packages/${encodeURIComponent(name)}/install?version=${encodeURIComponent(pkg.version)}`;

  const header = h('div', { class: 'detail-header' },
    icon(pkg.resource?.images, pkg.name, 'icon-large', 96),
    h('div', null,
      h('p', { class: 'tile-meta' }, badge(pkg.selected), pkg.framework ? h('span', { class: 'badge neutral' }, 'Framework') : null),
      h('div', { class: 'field inline' }, h('label', { for: versionId }, 'Version'), picker),
      hasService
        ? h('a', { href: installHref, 'data-nav': true, class: 'button primary' }, 'Review & install')
        : h('p', { class: 'notice info' }, 'CLI-only package: there is no service to run. Install it with ', h('code', null, `dcos package install ${pkg.name}`), '.')));
  heading.after(header);

  const sections = [];
  const older = installed.filter(i => compareVersions(i.packageInformation?.packageDefinition?.version, pkg.version, versions) < 0);
  const same = installed.filter(i => !older.includes(i));
  if (installed.length > 0) {
    sections.push(h('section', { 'aria-labelledby': 'installed-h', class: older.length ? 'notice warning' : 'notice info' },
      h('h2', { id: 'installed-h' }, 'Installed'),
      h('ul', null, [...older, ...same].map(i => {
        const v = i.packageInformation?.packageDefinition?.version;
        return h('li', null, h('a', { href: `/services/detail?id=${encodeURIComponent(i.appId)}`, 'data-nav': true }, i.appId), ` runs ${v}`,
          older.includes(i) ? h('strong', null, `, older than ${pkg.version}`) : null);
      }))));
  }
  if (pkg.hasKnownIssues) sections.push(h('p', { class: 'notice warning' }, 'This package is known to have issues when started with its default settings.'));
  sections.push(section('Description', renderMarkdown(pkg.description ?? ''), 'description'));
  if (pkg.preInstallNotes) sections.push(section('Pre-install notes', renderMarkdown(pkg.preInstallNotes), 'pre-install', 'notice warning'));
  if (pkg.postInstallNotes) sections.push(section('Post-install notes', renderMarkdown(pkg.postInstallNotes), 'post-install'));

  const info = h('dl', { class: 'facts' });
  const fact = (label, value) => { if (value !== null && value !== undefined && value !== '') info.append(h('dt', null, label), h('dd', null, value)); };
  fact('Version', pkg.version);
  fact('Packaging version', pkg.packagingVersion);
  fact('Maintainer', person(pkg.maintainer));
  fact('Website', linkOrText(pkg.website));
  fact('Source', linkOrText(pkg.scm));
  fact('Requires DC/OS', pkg.minDcosReleaseVersion ? `${pkg.minDcosReleaseVersion} or later (minDcosReleaseVersion)` : 'any version');
  if (pkg.upgradesFrom?.length) fact('Upgrades from', pkg.upgradesFrom.join(', '));
  if (pkg.downgradesTo?.length) fact('Downgrades to', pkg.downgradesTo.join(', '));
  if (pkg.lastUpdated) fact('Last updated', new Date(pkg.lastUpdated * 1000).toISOString().slice(0, 10));
  sections.push(section('Information', info, 'information'));

  if (pkg.licenses?.length) {
    sections.push(section('Licences', h('ul', null, pkg.licenses.map(l => h('li', null, linkOrText(l.url, l.name)))), 'licences'));
  }
  if (pkg.tags?.length) {
    sections.push(section('Tags', h('ul', { class: 'tag-list' }, pkg.tags.map(t =>
      h('li', null, h('a', { href: `/catalog?tag=${encodeURIComponent(t)}`, 'data-nav': true, class: 'tag' }, t)))), 'tags'));
  }
  const shots = (pkg.resource?.images?.screenshots ?? []).map(proxiedImage).filter(Boolean);
  if (shots.length) sections.push(section('Screenshots', screenshots(shots, pkg.name), 'screenshots'));
  main.append(...sections);
  return null;
}

function section(title, content, id, cls) {
  return h('section', { 'aria-labelledby': `${id}-h`, class: cls ?? null, id }, h('h2', { id: `${id}-h` }, title), content);
}

function linkOrText(url, text) {
  if (!url) return text ?? null;
  const href = safeUrl(url);
  return href ? h('a', { href, rel: 'noopener noreferrer nofollow', target: '_blank' }, text ?? url) : h('span', null, text ?? url);
}

function person(maintainer) {
  if (!maintainer) return null;
  if (/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(maintainer)) {
    const href = safeUrl(`mailto:${maintainer}`);
    return href ? h('a', { href }, maintainer) : maintainer;
  }
  return linkOrText(safeUrl(maintainer) ? maintainer : null, maintainer) ?? maintainer;
}

/** Thumbnails (buttons) and a modal viewer: arrows move, Escape closes, focus returns to the thumbnail. */
function screenshots(urls, name) {
  const image = h('img', { alt: '', class: 'viewer-image' });
  const caption = h('p', { class: 'viewer-caption', id: uid('caption') });
  let index = 0;
  let opener = null;
  const show = (i) => {
    index = (i + urls.length) % urls.length;
    image.src = urls[index];
    image.alt = `${name} screenshot ${index + 1} of ${urls.length}`;
    caption.textContent = `Screenshot ${index + 1} of ${urls.length}`;
  };
  const titleId = uid('viewer-title');
  const dialog = h('dialog', { class: 'viewer', 'aria-labelledby': titleId, 'aria-describedby': caption.id },
    h('h2', { id: titleId, class: 'visually-hidden' }, `${name} screenshots`),
    image, caption,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', onClick: () => show(index - 1) }, 'Previous'),
      h('button', { type: 'button', class: 'secondary', onClick: () => show(index + 1) }, 'Next'),
      h('button', { type: 'button', class: 'primary', onClick: () => dialog.close() }, 'Close')));
  dialog.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowLeft') { show(index - 1); e.preventDefault(); }
    if (e.key === 'ArrowRight') { show(index + 1); e.preventDefault(); }
  });
  dialog.addEventListener('close', () => opener?.focus());
  const list = h('ul', { class: 'thumbs' }, urls.map((url, i) => {
    const thumb = h('img', { src: url, alt: '', loading: 'lazy', width: 160, height: 100 });
    thumb.addEventListener('error', () => { thumb.replaceWith(h('span', { class: 'thumb-missing' }, `Screenshot ${i + 1} (not available)`)); });
    return h('li', null, h('button', { type: 'button', class: 'thumb', 'aria-label': `Open screenshot ${i + 1} of ${urls.length}`,
      onClick: (e) => { opener = e.currentTarget; show(i); dialog.showModal(); } }, thumb));
  }));
  return h('div', null, list, dialog);
}
