// Version helpers over package/list-versions ({version: releaseVersion as string}).

/** Versions sorted newest first (by releaseVersion). */
export function sortVersions(results) {
  return Object.entries(results ?? {}).sort((a, b) => Number(b[1]) - Number(a[1])).map(([v]) => v);
}

/** -1, 0, 1: a compared with b using releaseVersion when both are known, else dotted numbers. */
export function compareVersions(a, b, results) {
  const ra = results?.[a];
  const rb = results?.[b];
  if (ra !== undefined && rb !== undefined) return Math.sign(Number(ra) - Number(rb));
  const pa = String(a).split(/[.-]/);
  const pb = String(b).split(/[.-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const x = pa[i] ?? '0';
    const y = pb[i] ?? '0';
    const nx = Number(x);
    const ny = Number(y);
    if (!Number.isNaN(nx) && !Number.isNaN(ny) && nx !== ny) return Math.sign(nx - ny);
    if ((Number.isNaN(nx) || Number.isNaN(ny)) && x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
