// Cosmos's search semantics (cosmos-api.md §8, src/Cosmos/Catalog/PackageSearch.cs), applied on the client to the
// package/search response so results follow every keystroke without a round trip:
// no "*": case-insensitive substring of the name, the description or any tag;
// with "*": case-sensitive wildcard over the whole name, the whole description or any whole tag.

export function matcher(query) {
  if (!query) return () => true;
  if (!query.includes('*')) {
    const lower = query.toLowerCase();
    return (p) => p.name.toLowerCase().includes(lower)
      || (p.description ?? '').toLowerCase().includes(lower)
      || (p.tags ?? []).some(t => t.toLowerCase().includes(lower));
  }
  const parts = query.split('*');
  return (p) => wildcard(p.name, parts) || wildcard(p.description ?? '', parts) || (p.tags ?? []).some(t => wildcard(t, parts));
}

/** Whole-text match of parts joined by "*" (each "*" matches any run of characters, newlines included). */
export function wildcard(text, parts) {
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (parts.length === 1) return text === first;
  if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  let position = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < parts.length - 1; i += 1) {
    const part = parts[i];
    if (part.length === 0) continue;
    const found = text.slice(0, end).indexOf(part, position);
    if (found < 0) return false;
    position = found + part.length;
  }
  return true;
}
