/**
 * Decides which list each unit belongs to. The heading gives a prior; the unit's own words decide
 * when they are clear ("Ability to lift 50 lbs" under "Duties" is a requirement). Under an unknown
 * heading ("Core backend engineering") the block's clear items decide for the unclear ones.
 */
import { analyseUnit, type UnitCues } from './cues';
import type { SectionKind } from './sections';
import type { Unit } from './segment';

export type Label = 'responsibility' | 'requirement' | 'benefit' | 'summary' | 'neither';

export interface Labelled {
  unit: Unit;
  label: Label;
  /** The heading the unit sat under, as written. */
  section: string | null;
  /** Under a preferred / nice-to-have heading. */
  preferred: boolean;
}

interface Scored extends UnitCues {
  unit: Unit;
}

const LIST_KINDS: ReadonlySet<SectionKind> = new Set(['responsibilities', 'requirements', 'preferred']);

export function classifyUnits(units: readonly Unit[]): Labelled[] {
  const out: Labelled[] = [];
  let kind: SectionKind = 'unknown';
  let parentKind: SectionKind = 'unknown';
  let heading: string | null = null;
  let group: Scored[] = [];
  let seenHeading = false;
  let introSentences = 0;
  let lastBulletBlock = -1;

  const flush = () => {
    // A loop, not push(...): a spread of 100,000 items overflows the stack.
    for (const labelled of labelGroup(group, kind, heading)) out.push(labelled);
    group = [];
  };

  for (const unit of units) {
    if (unit.kind === 'heading') {
      flush();
      seenHeading = true;
      const announced = unit.headingKind ?? 'unknown';
      if (announced === 'unknown' && LIST_KINDS.has(parentKind)) {
        // A sub-heading inside a list section ("Store Culture & Excellence:") keeps the parent's meaning.
        kind = parentKind;
      } else {
        kind = announced;
        parentKind = announced;
      }
      heading = unit.text;
      lastBulletBlock = -1;
      if (kind === 'summary') introSentences = 0;
      continue;
    }
    // A prose paragraph after a section's list, with no heading of its own, has left the section.
    if (unit.kind === 'sentence' && lastBulletBlock >= 0 && unit.block !== lastBulletBlock && kind !== 'unknown') {
      flush();
      kind = 'unknown';
      parentKind = 'unknown';
      heading = null;
    }
    if (unit.kind === 'bullet') lastBulletBlock = unit.block;
    // Copied by name: an object spread goes through a generic copy, several times slower.
    const cues = analyseUnit(unit.text);
    const scored: Scored = {
      unit,
      req: cues.req,
      duty: cues.duty,
      neither: cues.neither,
      hiring: cues.hiring,
      legal: cues.legal,
      companyVoice: cues.companyVoice,
      benefit: cues.benefit,
      roleSummary: cues.roleSummary,
    };
    // The opening sentences that introduce the role are its summary (GUIDELINES: role summary).
    if ((kind === 'summary' || (!seenHeading && introSentences < 3)) && unit.kind === 'sentence') {
      introSentences += 1;
      if (scored.roleSummary && scored.req < 3) {
        flush();
        out.push({ unit, label: 'summary', section: null, preferred: false });
        continue;
      }
    }
    group.push(scored);
  }
  flush();
  return out;
}

function labelGroup(group: Scored[], kind: SectionKind, heading: string | null): Labelled[] {
  const preferred = kind === 'preferred';
  const labels = group.map((s) => labelOne(s, kind));
  if (kind === 'unknown' || kind === 'summary') {
    // Past its opening sentences (the role summary, decided above), a summary section is judged item by item.
    // Unclear items of a list under an unknown heading follow the list's clear items.
    const bullets = group.filter((s) => s.unit.kind !== 'sentence').length;
    const decided = labels.filter((l) => l === 'responsibility' || l === 'requirement');
    const reqs = decided.filter((l) => l === 'requirement').length;
    const majority: Label | null =
      decided.length >= 2 && reqs / decided.length >= 0.7
        ? 'requirement'
        : decided.length >= 2 && reqs / decided.length <= 0.3
          ? 'responsibility'
          : null;
    if (majority && heading !== null && bullets >= group.length / 2) {
      group.forEach((s, i) => {
        if (labels[i] === 'neither' && s.neither === 0 && !s.hiring) labels[i] = majority;
      });
    }
  }
  return group.map((s, i) => ({ unit: s.unit, label: labels[i] as Label, section: heading, preferred }));
}

/** "Job Type: Full-time", "Duration: One year": a field of the posting, not an item. */
const FIELD_LINE = /^[\p{L}][\p{L} '’/&-]{1,30}:\s*\S[^.!?]{0,60}\.?$/u;

function labelOne(s: Scored, kind: SectionKind): Label {
  // A paragraph of prose under a list heading is the company talking unless it says what the heading announces.
  if (s.unit.prose) {
    if (kind === 'responsibilities' && s.duty === 0 && s.req < 2) return 'neither';
    if ((kind === 'requirements' || kind === 'preferred') && s.req === 0 && s.duty < 2) return 'neither';
  }
  const { req, duty, neither } = s;
  const text = s.unit.text;
  if (req < 3 && duty < 2 && text.includes(':') && FIELD_LINE.test(text)) return 'neither';
  // Legal and contact text is neither wherever it stands.
  const neitherLabel: Label = s.benefit ? 'benefit' : 'neither';
  if (s.legal || (neither >= 3 && req < 2 && duty < 2)) return neitherLabel;
  // The company speaking of itself ("Since 1981, we have provided expertise…") asks nothing of the candidate.
  if (s.companyVoice && !s.hiring) return neitherLabel;
  const hiring = s.hiring;
  switch (kind) {
    case 'responsibilities':
      if ((req >= 2 && duty === 0) || (req >= 3 && req > duty)) return 'requirement';
      if (neither >= 2 && duty < 2) return neitherLabel;
      if (hiring && req < 2) return 'neither';
      return 'responsibility';
    case 'requirements':
    case 'preferred':
      if (duty >= 2 && req === 0) return 'responsibility';
      if (neither >= 2 && req < 2) return neitherLabel;
      if (hiring && req < 2) return 'neither';
      return 'requirement';
    case 'benefits':
      if (req >= 3 && neither === 0) return 'requirement';
      return 'benefit';
    case 'company':
    case 'apply':
    case 'legal':
      return req >= 4 && neither === 0 ? 'requirement' : 'neither';
    case 'hours':
      return req >= 3 ? 'requirement' : 'neither';
    default:
      if (neither >= 2 && req < 2 && duty < 2) return neitherLabel;
      // A hiring sentence is the pitch unless it names what the candidate must bring (GUIDELINES).
      if (hiring) return req >= 2 ? 'requirement' : 'neither';
      // A tie goes to the duty: an item that starts with a verb and mentions a certificate is still a task.
      if (req >= 2 && req > duty) return 'requirement';
      if (duty >= 2) return neither >= 2 ? 'neither' : 'responsibility';
      if (req >= 1 && neither === 0) return 'requirement';
      return 'neither';
  }
}
