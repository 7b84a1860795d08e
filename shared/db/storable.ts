/**
 * PostgreSQL text and jsonb cannot hold U+0000, and UTF-8 cannot encode a lone surrogate (the
 * driver would silently turn it into U+FFFD). Rather than store something other than what was
 * received, such input is refused: the transport records it with recordRejection(), as bytes.
 */
export function unstorable(value: string): 'NUL_CHARACTER' | 'LONE_SURROGATE' | null {
  if (value.includes('\u0000')) return 'NUL_CHARACTER';
  if (!value.isWellFormed()) return 'LONE_SURROGATE';
  return null;
}

export function firstUnstorable(value: unknown, path: string): { path: string; reason: string } | null {
  if (typeof value === 'string') {
    const reason = unstorable(value);
    return reason ? { path, reason } : null;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = firstUnstorable(item, `${path}[${i}]`);
      if (found) return found;
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const found = firstUnstorable(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}
