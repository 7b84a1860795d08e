/**
 * Many regexes tried on one short text, of which few can match: most of the time goes into
 * regexes that fail. Each regex has literal strings one of which occurs in every text it matches
 * (its "anchors", read off its source: "experi" for /\bexperienced (?:in|with)\b/i). One
 * Aho-Corasick pass over the text finds which anchors occur; a regex with none is not run at all.
 * When the anchors start every match ("leads": "knowle" for /\b(?:knowledge of|…)/i), the regex
 * is not searched through the text either, only tried (sticky) where a lead starts.
 *
 * Exactness: the gate answers what the regex's `test` answers:
 * - anchors come from literal characters the regex must consume; lookarounds, `\b`, classes other
 *   than a few plain characters and anything optional give no anchor, never a wrong one; a lead
 *   is only taken from what a match must begin with;
 * - anchors and text are compared lower-cased, which is looser than any regex flag: with `i`,
 *   an ASCII letter matches only its two cases, plus U+017F (ſ) for s and U+212A (K) for k under
 *   `iu`, which the scan folds as well (checked over the whole BMP in the tests);
 * - characters outside ASCII never go into an anchor (their case variants are many);
 * - a regex without usable anchors (or with too many) is always run in full.
 */

/** A set of literal strings, lower-cased: exact (the node matches exactly one of them) or needed (one occurs in every match). */
type Strings = readonly string[];

interface Literals {
  /** The node matches exactly one of these strings; null when unknown or too many. */
  exact: Strings | null;
  /** Every match of the node contains one of these; null when nothing is known. */
  need: Strings | null;
  /** Every match of the node starts with one of these; null when nothing is known. */
  lead: Strings | null;
  /** Every match of the node starts at the start of the text (`^`, without the `m` flag). */
  start?: boolean;
  /** For a node that may match nothing: every match that is not empty starts with one of these. */
  optionalLead?: Strings | null;
}

const MAX_EXACT = 1024;
const MAX_NEED = 4096;
/** Anchors this long are selective enough; longer ones are not preferred for their length. */
const ENOUGH_LENGTH = 5;
/**
 * A regex with more anchors than this is always run: hundreds of anchors (a list of verbs) would
 * grow the automaton past the processor's caches and slow the scan of every text, for a regex
 * that matches often anyway.
 */
const MAX_ANCHORS = 64;
const MAX_ANCHOR_LENGTH = 6;
/** Leads of a regex anchored at the start are looked for at the start only, in a trie: many cost little. */
const MAX_START_LEADS = 1024;

const NOTHING: Literals = { exact: null, need: null, lead: null };
const EMPTY: Literals = { exact: [''], need: null, lead: null };
const CARET: Literals = { exact: [''], need: null, lead: null, start: true };
const DIGITS: Literals = { exact: [...'0123456789'], need: null, lead: null };

function isAsciiLiteral(c: number): boolean {
  return c < 128;
}

function single(ch: string): Literals {
  const c = ch.charCodeAt(0);
  if (ch.length !== 1 || !isAsciiLiteral(c)) return NOTHING;
  return { exact: [ch.toLowerCase()], need: null, lead: null };
}

function unique(strings: Iterable<string>): string[] {
  return [...new Set(strings)];
}

/** A usable need set: no empty string (which every text contains). */
function usable(strings: Strings | null): Strings | null {
  if (strings === null || strings.length === 0 || strings.some((s) => s === '')) return null;
  return strings;
}

function needOf(l: Literals): Strings | null {
  return usable(l.need) ?? usable(l.exact);
}

function leadOf(l: Literals): Strings | null {
  return usable(l.lead) ?? usable(l.exact);
}

/** Better anchors: longer (up to ENOUGH_LENGTH), then fewer. */
function better(a: Strings | null, b: Strings | null): Strings | null {
  if (a === null) return b;
  if (b === null) return a;
  const la = Math.min(ENOUGH_LENGTH, ...a.map((s) => s.length));
  const lb = Math.min(ENOUGH_LENGTH, ...b.map((s) => s.length));
  if (la !== lb) return la > lb ? a : b;
  return b.length < a.length ? b : a;
}

function product(a: Strings, b: Strings): Strings | null {
  if (a.length * b.length > MAX_EXACT) return null;
  const out: string[] = [];
  for (const x of a) for (const y of b) out.push(x + y);
  return unique(out);
}

function sequence(items: readonly Literals[]): Literals {
  let best: Strings | null = null;
  // A run of adjacent items with exact strings: the match holds one of their concatenations.
  let run: Strings | null = [''];
  let exact: Strings | null = [''];
  // The leading run: the match starts with one of its strings (or, when it matched nothing but
  // assertions, with the lead of the item after it).
  let lead: Strings | null = null;
  let leading = true;
  let leadRun: Strings = [''];
  // Optional items before anything else ("(?:the )?(?:\w+ )?manager"): a match starts with one of
  // theirs, or, where each is skipped, as the rest does.
  const optionalLeads: string[] = [];
  for (const item of items) {
    if (leading) {
      const longer = item.exact === null ? null : product(leadRun, item.exact);
      const atStart = leadRun.length === 1 && leadRun[0] === '';
      if (longer !== null) leadRun = longer;
      else if (atStart && usable(item.optionalLead ?? null) !== null)
        optionalLeads.push(...(item.optionalLead as Strings));
      else {
        leading = false;
        lead = atStart && item.exact === null ? leadOf(item) : usable(leadRun);
      }
    }
    best = better(best, needOf(item));
    if (item.exact === null) {
      best = better(best, usable(run));
      run = [''];
      exact = null;
      continue;
    }
    const longer: Strings | null = run === null ? null : product(run, item.exact);
    if (longer === null) {
      best = better(best, usable(run));
      run = item.exact;
    } else run = longer;
    exact = exact === null ? null : product(exact, item.exact);
  }
  if (leading) lead = usable(leadRun);
  if (lead !== null && optionalLeads.length > 0) lead = unique([...optionalLeads, ...lead]);
  best = better(best, usable(run));
  return { exact, need: best, lead, start: items[0]?.start === true };
}

function alternation(branches: readonly Literals[]): Literals {
  if (branches.length === 1) return branches[0] as Literals;
  let exact: string[] | null = [];
  let need: string[] | null = [];
  let lead: string[] | null = [];
  for (const b of branches) {
    if (exact !== null && b.exact !== null && exact.length + b.exact.length <= MAX_EXACT) exact.push(...b.exact);
    else exact = null;
    const n = needOf(b);
    if (need !== null && n !== null && need.length + n.length <= MAX_NEED) need.push(...n);
    else need = null;
    const l = leadOf(b);
    if (lead !== null && l !== null && lead.length + l.length <= MAX_NEED) lead.push(...l);
    else lead = null;
  }
  return {
    exact: exact === null ? null : unique(exact),
    need: need === null ? null : unique(need),
    lead: lead === null ? null : unique(lead),
    start: branches.every((b) => b.start === true),
  };
}

function quantified(atom: Literals, min: number, max: number): Literals {
  if (min === 0) {
    if (max === 1 && atom.exact !== null) return { exact: unique(['', ...atom.exact]), need: null, lead: null };
    return { exact: null, need: null, lead: null, optionalLead: leadOf(atom) };
  }
  if (min === 1 && max === 1) return atom;
  // The first repetition starts the match.
  return { exact: null, need: needOf(atom), lead: leadOf(atom), start: atom.start };
}

/** A recursive-descent reader of the regex syntax, conservative wherever it is unsure. */
class Reader {
  private at = 0;
  constructor(private readonly src: string) {}

  read(): Literals {
    const out = this.alternatives();
    if (this.at !== this.src.length) throw new Error(`literal gate: cannot read /${this.src}/ at ${this.at}`);
    return out;
  }

  private alternatives(): Literals {
    const branches = [this.sequence()];
    while (this.src[this.at] === '|') {
      this.at++;
      branches.push(this.sequence());
    }
    return alternation(branches);
  }

  private sequence(): Literals {
    const items: Literals[] = [];
    while (this.at < this.src.length && this.src[this.at] !== '|' && this.src[this.at] !== ')') {
      const atom = this.atom();
      const q = this.quantifier();
      items.push(q === null ? atom : quantified(atom, q.min, q.max));
    }
    return sequence(items);
  }

  private quantifier(): { min: number; max: number } | null {
    const src = this.src;
    const c = src[this.at];
    let q: { min: number; max: number } | null = null;
    if (c === '?' || c === '*' || c === '+') {
      this.at++;
      q = { min: c === '+' ? 1 : 0, max: c === '?' ? 1 : Number.POSITIVE_INFINITY };
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(this.at));
      if (m === null) return null;
      this.at += m[0].length;
      const min = Number(m[1]);
      q = { min, max: m[2] === undefined ? min : m[3] === '' ? Number.POSITIVE_INFINITY : Number(m[3]) };
    }
    if (q !== null && src[this.at] === '?') this.at++;
    return q;
  }

  private atom(): Literals {
    const src = this.src;
    const c = src[this.at] as string;
    if (c === '(') return this.group();
    if (c === '[') return this.characterClass();
    if (c === '\\') return this.escape();
    this.at++;
    if (c === '^') return CARET;
    if (c === '$') return EMPTY;
    if (c === '.') return NOTHING;
    return single(c);
  }

  private group(): Literals {
    const src = this.src;
    this.at++;
    let look = false;
    if (src.startsWith('?:', this.at)) this.at += 2;
    else if (src.startsWith('?=', this.at) || src.startsWith('?!', this.at)) {
      look = true;
      this.at += 2;
    } else if (src.startsWith('?<=', this.at) || src.startsWith('?<!', this.at)) {
      look = true;
      this.at += 3;
    } else if (src.startsWith('?<', this.at)) this.at = src.indexOf('>', this.at) + 1;
    else if (src[this.at] === '?') throw new Error(`literal gate: unsupported group in /${src}/`);
    const inner = this.alternatives();
    if (src[this.at] !== ')') throw new Error(`literal gate: unbalanced /${src}/`);
    this.at++;
    return look ? EMPTY : inner;
  }

  private characterClass(): Literals {
    const src = this.src;
    this.at++;
    let plain = src[this.at] !== '^';
    const members: string[] = [];
    while (this.at < src.length && src[this.at] !== ']') {
      let member = src[this.at] as string;
      if (member === '\\') {
        this.at++;
        member = src[this.at] as string;
        // \d, \w, \p{…}, \u…: not a plain member.
        if (/[A-Za-z0-9]/.test(member)) {
          plain = false;
          if ((member === 'p' || member === 'P') && src[this.at + 1] === '{') this.at = src.indexOf('}', this.at);
        }
      } else if (member === '-' && members.length > 0 && src[this.at + 1] !== ']') plain = false;
      members.push(member);
      this.at++;
    }
    if (src[this.at] !== ']') throw new Error(`literal gate: unclosed class in /${src}/`);
    this.at++;
    if (!plain || members.some((m) => !isAsciiLiteral(m.charCodeAt(0)))) return NOTHING;
    return { exact: unique(members.map((m) => m.toLowerCase())), need: null, lead: null };
  }

  private escape(): Literals {
    const src = this.src;
    const e = src[this.at + 1] as string;
    this.at += 2;
    if (e === 'b' || e === 'B') return EMPTY;
    if (e === 'p' || e === 'P') {
      if (src[this.at] === '{') this.at = src.indexOf('}', this.at) + 1;
      return NOTHING;
    }
    if (e === 'k' && src[this.at] === '<') {
      this.at = src.indexOf('>', this.at) + 1;
      return NOTHING;
    }
    // \d is ASCII digits only, with or without the `u` flag.
    if (e === 'd') return DIGITS;
    if (e === 'u' || e === 'x' || e === 'c' || /[0-9DwWsSnrtfv]/.test(e)) {
      // Code escapes, control escapes, back-references and class escapes: no literal taken.
      if (e === 'u' && src[this.at] === '{') this.at = src.indexOf('}', this.at) + 1;
      else if (e === 'u' && /^[0-9A-Fa-f]{4}/.test(src.slice(this.at, this.at + 4))) this.at += 4;
      else if (e === 'x' && /^[0-9A-Fa-f]{2}/.test(src.slice(this.at, this.at + 2))) this.at += 2;
      else if (e === 'c' && /[A-Za-z]/.test(src[this.at] ?? '')) this.at += 1;
      return NOTHING;
    }
    if (/[A-Za-z]/.test(e)) throw new Error(`literal gate: unsupported escape \\${e} in /${src}/`);
    return single(e);
  }
}

/** Anchors of a regex, lower-cased; null when it has none usable (it is then always run). */
export function anchorsOf(re: RegExp): string[] | null {
  const need = needOf(new Reader(re.source).read());
  if (need === null) return null;
  // Past a few hundred (a list of verbs) the quadratic minimising is not worth it: such a regex is
  // always run anyway (MAX_ANCHORS).
  if (need.length > 4 * MAX_ANCHORS) return unique(need.map((a) => a.slice(0, MAX_ANCHOR_LENGTH)));
  // A prefix of an anchor is an anchor too, and an anchor holding another adds nothing: short and
  // few anchors keep the automaton small.
  return minimal(minimal(need).map((a) => a.slice(0, MAX_ANCHOR_LENGTH)));
}

/** Whether every match of a regex starts at the start of the text. */
export function anchoredAtStart(re: RegExp): boolean {
  return !re.flags.includes('m') && new Reader(re.source).read().start === true;
}

/** Anchors that start every match of a regex, lower-cased; null when it has none usable. */
export function leadsOf(re: RegExp): string[] | null {
  const lead = leadOf(new Reader(re.source).read());
  if (lead === null) return null;
  const short = unique(lead.map((a) => a.slice(0, MAX_ANCHOR_LENGTH)));
  if (short.length > 4 * MAX_ANCHORS) return short;
  return short.filter((a) => !short.some((b) => b !== a && a.startsWith(b)));
}

/** The strings that hold none of the others. */
function minimal(strings: Strings): string[] {
  const set = unique(strings);
  return set.filter((a) => !set.some((b) => b !== a && a.includes(b)));
}

/** Code units the scan folds onto an ASCII letter: what `iu` matches beyond the letter's two cases. */
const EXTRA_FOLDS: ReadonlyArray<readonly [number, string]> = [
  [0x17f, 's'],
  [0x212a, 'k'],
];

/**
 * The trie of `entries` (a string, the regex it belongs to), over the alphabet `index`: node 0 is
 * the root; `children[n]` maps a class to a child, `own[n]` holds the regexes whose strings end at
 * n, `depth[n]` is n's length.
 */
function trieOf(
  entries: ReadonlyArray<readonly [string, number]>,
  index: ReadonlyMap<number, number>,
): { children: Array<Map<number, number>>; own: Array<Set<number>>; depth: number[] } {
  const children: Array<Map<number, number>> = [new Map()];
  const own: Array<Set<number>> = [new Set()];
  const depth: number[] = [0];
  for (const [a, k] of entries) {
    let s = 0;
    for (let i = 0; i < a.length; i++) {
      const cls = index.get(a.charCodeAt(i)) as number;
      let next = (children[s] as Map<number, number>).get(cls);
      if (next === undefined) {
        next = children.push(new Map()) - 1;
        own.push(new Set());
        depth.push(i + 1);
        (children[s] as Map<number, number>).set(cls, next);
      }
      s = next;
    }
    (own[s] as Set<number>).add(k);
  }
  return { children, own, depth };
}

/**
 * Regexes behind one literal scan: `scan(text)`, then `test(k)` says whether regex k matches
 * `text`, as `regexes[k].test(text)` would, running it only when its anchors occur. A regex whose
 * anchors start every match ("leads") is only tried where one starts, sticky, instead of being
 * searched through the text; one anchored at the start (`^`) only where the text starts, so its
 * leads are looked for there alone, outside the automaton.
 */
export class LiteralGate {
  private readonly words: number;
  /** Alphabet index of each UTF-16 code unit, case-folded; 0 for characters in no anchor. */
  private readonly classes = new Uint8Array(0x10000);
  private readonly width: number;
  /**
   * The DFA: next state of state s on class c at (s << shift) + c (rows a power of two wide: a
   * shift, not a multiply; 16 bits: half the cache lines).
   */
  private readonly delta: Uint16Array | Int32Array;
  private readonly shift: number;
  /** The states where anchors end (or where a suffix of the text reaches one) are this one and after. */
  private readonly firstEnd: number;
  /** Bits of the regexes whose anchors end at each state, `words` words per state. */
  private readonly bits: Int32Array;
  /** Bits of the regexes without anchors: always run. */
  private readonly always: Int32Array;
  private readonly found: Int32Array;
  /** Leads ending at state s: regex `leadRegex[j]`, length `leadLength[j]`, j from `leadFirst[s]` to `leadFirst[s + 1]`. */
  private readonly leadFirst: Int32Array;
  private readonly leadRegex: Int32Array;
  private readonly leadLength: Int32Array;
  /**
   * The leads of the regexes anchored at the start (whose matches all start at 0): a trie walked
   * from the text's first character only. Child of node n on class c at n * width + c (0: none);
   * the leads ending at node n are of regexes `startRegex[j]`, j from `startFirst[n]` to `startFirst[n + 1]`.
   */
  private readonly startTrie: Int32Array;
  private readonly startFirst: Int32Array;
  private readonly startRegex: Int32Array;
  private readonly startDepth: number;
  /** Per regex: tried at its leads only. */
  private readonly byLead: Uint8Array;
  private readonly sticky: Array<RegExp | null>;
  /**
   * Where leads start in the text scanned last, a list per regex: its last hit is `hitHead[k]`,
   * hit j is at `hitAt[j]` and follows hit `hitNext[j]` (-1 ends a list).
   */
  private readonly hitHead: Int32Array;
  private hitAt = new Int32Array(64);
  private hitNext = new Int32Array(64);
  private hitCount = 0;
  private text = '';

  /**
   * `always`: regexes to run without looking for their anchors, when the caller has a cheaper
   * precondition for them and their anchors are in most texts (each anchor slows the scan).
   */
  constructor(
    private readonly regexes: readonly RegExp[],
    always: Iterable<number> = [],
  ) {
    this.words = Math.max(1, Math.ceil(regexes.length / 32));
    this.always = new Int32Array(this.words);
    this.found = new Int32Array(this.words);
    this.byLead = new Uint8Array(regexes.length);
    this.hitHead = new Int32Array(regexes.length);
    this.sticky = regexes.map(() => null);
    const entries: Array<[string, number]> = [];
    const startEntries: Array<[string, number]> = [];
    const unanchored = new Set(always);
    regexes.forEach((re, k) => {
      if (unanchored.has(k)) {
        this.always[k >> 5] = (this.always[k >> 5] as number) | (1 << (k & 31));
        return;
      }
      const leads = leadsOf(re);
      if (leads !== null && leads.length <= MAX_START_LEADS && anchoredAtStart(re)) {
        this.byLead[k] = 1;
        for (const a of leads) startEntries.push([a, k]);
        return;
      }
      if (leads !== null && leads.length <= MAX_ANCHORS) {
        this.byLead[k] = 1;
        for (const a of leads) entries.push([a, k]);
        return;
      }
      const anchors = anchorsOf(re);
      if (anchors === null || anchors.length > MAX_ANCHORS)
        this.always[k >> 5] = (this.always[k >> 5] as number) | (1 << (k & 31));
      else for (const a of anchors) entries.push([a, k]);
    });
    const index = new Map<number, number>();
    for (const [a] of [...entries, ...startEntries]) {
      for (let i = 0; i < a.length; i++) if (!index.has(a.charCodeAt(i))) index.set(a.charCodeAt(i), index.size + 1);
    }
    if (index.size > 254) throw new Error('literal gate: alphabet too large');
    this.width = index.size + 1;
    for (const [code, cls] of index) {
      this.classes[code] = cls;
      const upper = String.fromCharCode(code).toUpperCase().charCodeAt(0);
      if (upper !== code && upper < 128) this.classes[upper] = cls;
    }
    for (const [code, to] of EXTRA_FOLDS) this.classes[code] = index.get(to.charCodeAt(0)) ?? 0;

    // The trie of the anchors.
    const { children, own, depth } = trieOf(entries, index);
    // Failure links, breadth first, folded into a full transition table.
    const states = children.length;
    const width = this.width;
    const words = this.words;
    const delta = new Int32Array(states * width);
    const ends = new Uint8Array(states);
    const bits = new Int32Array(states * words);
    const mark = (s: number, failTo: number) => {
      for (const k of own[s] as ReadonlySet<number>)
        bits[s * words + (k >> 5)] = (bits[s * words + (k >> 5)] as number) | (1 << (k & 31));
      let any = 0;
      for (let i = 0; i < words; i++) {
        if (s !== 0) bits[s * words + i] = (bits[s * words + i] as number) | (bits[failTo * words + i] as number);
        any |= bits[s * words + i] as number;
      }
      ends[s] = any === 0 ? 0 : 1;
    };
    const fail = new Int32Array(states);
    const leads: Array<Array<[number, number]>> = children.map(() => []);
    const queue: number[] = [];
    for (let c = 1; c < width; c++) {
      const child = (children[0] as Map<number, number>).get(c);
      if (child !== undefined) {
        delta[c] = child;
        queue.push(child);
      }
    }
    mark(0, 0);
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q] as number;
      mark(s, fail[s] as number);
      const here = leads[s] as Array<[number, number]>;
      for (const k of own[s] as Set<number>) if (this.byLead[k] === 1) here.push([k, depth[s] as number]);
      here.push(...(leads[fail[s] as number] as Array<[number, number]>));
      for (let c = 1; c < width; c++) {
        const child = (children[s] as Map<number, number>).get(c);
        const viaFail = delta[(fail[s] as number) * width + c] as number;
        if (child === undefined) delta[s * width + c] = viaFail;
        else {
          fail[child] = viaFail;
          delta[s * width + c] = child;
          queue.push(child);
        }
      }
    }

    // Laid out for the scan: the states where anchors end numbered last, so that one comparison
    // tells them (the root, where no anchor ends, stays state 0).
    const order: number[] = [];
    for (let s = 0; s < states; s++) if (ends[s] === 0) order.push(s);
    this.firstEnd = order.length;
    for (let s = 0; s < states; s++) if (ends[s] === 1) order.push(s);
    const renamed = new Int32Array(states);
    order.forEach((s, i) => {
      renamed[s] = i;
    });
    const shift = Math.ceil(Math.log2(width));
    this.shift = shift;
    this.delta = states <= 0xffff ? new Uint16Array(states << shift) : new Int32Array(states << shift);
    this.bits = new Int32Array(states * words);
    this.leadFirst = new Int32Array(states + 1);
    const leadRegex: number[] = [];
    const leadLength: number[] = [];
    order.forEach((s, i) => {
      for (let c = 0; c < width; c++) this.delta[(i << shift) + c] = renamed[delta[s * width + c] as number] as number;
      for (let w = 0; w < words; w++) this.bits[i * words + w] = bits[s * words + w] as number;
      this.leadFirst[i] = leadRegex.length;
      for (const [k, length] of leads[s] as Array<[number, number]>) {
        leadRegex.push(k);
        leadLength.push(length);
      }
    });
    this.leadFirst[states] = leadRegex.length;
    this.leadRegex = Int32Array.from(leadRegex);
    this.leadLength = Int32Array.from(leadLength);

    // The start trie: node 0 is the root, and no child is node 0.
    const { children: startChildren, own: startOwn, depth: startDepths } = trieOf(startEntries, index);
    this.startDepth = Math.max(...startDepths);
    this.startTrie = new Int32Array(startChildren.length * width);
    startChildren.forEach((map, n) => {
      for (const [cls, child] of map) this.startTrie[n * width + cls] = child;
    });
    this.startFirst = new Int32Array(startChildren.length + 1);
    const startRegex: number[] = [];
    startOwn.forEach((ks, n) => {
      this.startFirst[n] = startRegex.length;
      for (const k of ks) startRegex.push(k);
    });
    this.startFirst[startChildren.length] = startRegex.length;
    this.startRegex = Int32Array.from(startRegex);
  }

  /** Which regexes may match the text, and where their leads start; read with `may` and `test`. */
  scan(text: string): this {
    const { classes, delta, shift, firstEnd, bits, words, found, leadFirst, leadRegex, leadLength } = this;
    found.set(this.always);
    this.hitHead.fill(-1);
    this.hitCount = 0;
    this.text = text;
    this.scanStart(text);
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      s = delta[(s << shift) + (classes[text.charCodeAt(i)] as number)] as number;
      if (s < firstEnd) continue;
      for (let w = 0; w < words; w++) found[w] = (found[w] as number) | (bits[s * words + w] as number);
      const last = leadFirst[s + 1] as number;
      for (let j = leadFirst[s] as number; j < last; j++)
        this.hit(leadRegex[j] as number, i + 1 - (leadLength[j] as number));
    }
    return this;
  }

  /** The leads of the regexes anchored at the start, where the text starts. */
  private scanStart(text: string): void {
    const { classes, startTrie, startFirst, startRegex, width, found, hitHead } = this;
    const depth = Math.min(text.length, this.startDepth);
    let n = 0;
    for (let i = 0; i < depth; i++) {
      n = startTrie[n * width + (classes[text.charCodeAt(i)] as number)] as number;
      if (n === 0) return;
      const last = startFirst[n + 1] as number;
      for (let j = startFirst[n] as number; j < last; j++) {
        const k = startRegex[j] as number;
        if ((hitHead[k] as number) >= 0) continue;
        found[k >> 5] = (found[k >> 5] as number) | (1 << (k & 31));
        this.hit(k, 0);
      }
    }
  }

  /** Records that a lead of regex k starts at `at`. */
  private hit(k: number, at: number): void {
    const j = this.hitCount;
    if (j === this.hitAt.length) this.growHits();
    this.hitAt[j] = at;
    this.hitNext[j] = this.hitHead[k] as number;
    this.hitHead[k] = j;
    this.hitCount = j + 1;
  }

  private growHits(): void {
    const at = new Int32Array(this.hitAt.length * 2);
    at.set(this.hitAt);
    this.hitAt = at;
    const next = new Int32Array(this.hitNext.length * 2);
    next.set(this.hitNext);
    this.hitNext = next;
  }

  /** Whether regex k may match the text scanned last (its anchors occur there). */
  may(k: number): boolean {
    return (((this.found[k >> 5] as number) >>> (k & 31)) & 1) === 1;
  }

  /** Whether regex k matches the text scanned last. */
  test(k: number): boolean {
    if (!this.may(k)) return false;
    const re = this.regexes[k] as RegExp;
    if (this.byLead[k] === 0) return re.test(this.text);
    // Every match starts where one of its leads does: tried there only.
    let sticky = this.sticky[k] as RegExp | null;
    if (sticky === null) {
      sticky = new RegExp(re.source, `${re.flags.replace(/[gy]/g, '')}y`);
      this.sticky[k] = sticky;
    }
    for (let j = this.hitHead[k] as number; j >= 0; j = this.hitNext[j] as number) {
      sticky.lastIndex = this.hitAt[j] as number;
      if (sticky.test(this.text)) return true;
    }
    return false;
  }
}
