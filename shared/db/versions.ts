/**
 * Orders parser versions (semver, as PARSER_VERSION is) so that a parse from an older parser never
 * displaces the current one, whatever order deliveries arrive in. Numeric parts compare as
 * numbers ("0.10.0" > "0.9.0"); a pre-release sorts before its release; anything else as text.
 */
export function compareParserVersions(a: string, b: string): number {
  const [coreA = '', preA] = splitPre(a);
  const [coreB = '', preB] = splitPre(b);
  const partsA = coreA.split('.');
  const partsB = coreB.split('.');
  for (let i = 0; i < Math.max(partsA.length, partsB.length); i++) {
    const diff = comparePart(partsA[i] ?? '0', partsB[i] ?? '0');
    if (diff !== 0) return diff;
  }
  if (preA === undefined || preB === undefined) return preA === preB ? 0 : preA === undefined ? 1 : -1;
  return comparePart(preA, preB);
}

function splitPre(version: string): [string, string | undefined] {
  const core = version.split('+')[0] ?? '';
  const dash = core.indexOf('-');
  return dash < 0 ? [core, undefined] : [core.slice(0, dash), core.slice(dash + 1)];
}

function comparePart(a: string, b: string): number {
  const numeric = /^\d+$/;
  if (numeric.test(a) && numeric.test(b)) return Math.sign(Number(a) - Number(b));
  return a < b ? -1 : a > b ? 1 : 0;
}
