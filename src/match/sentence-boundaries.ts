// Numbers each token with the sentence it belongs to. A trade figure counts only in a sentence
// about trade, so the split errs towards keeping sentences whole: a full stop that might belong
// to an abbreviation ("U.S.", "млрд долл.") or a number ("1.6") does not end one.

import { JOINED, LOWER_CASE, NUMBER, PARAGRAPH, PUNCTUATION, caseAt, isWord, type TokenList } from './tokenize-text';

const ALWAYS_FINAL = new Set(['。', '！', '？', '!', '?', '…']);
const CLOSERS = new Set(['"', "'", '”', '’', '»', ')', ']', '）', '」', '』']);

/** Words commonly abbreviated with a full stop that does not end the sentence. */
const ABBREVIATIONS: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'jr', 'sr', 'vs', 'etc', 'inc', 'ltd', 'co', 'corp',
  'no', 'gen', 'gov', 'sen', 'rep', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep',
  'sept', 'oct', 'nov', 'dec', 'approx', 'est',
  'млрд', 'млн', 'трлн', 'тыс', 'тис', 'долл', 'дол', 'руб', 'коп', 'грн', 'гг', 'рр', 'им', 'ім',
  'ул', 'вул', 'др', 'пр', 'ст', 'см', 'напр', 'проц',
]);

export interface SentenceNumbers {
  /** sentence[i] is the sentence of token i. */
  sentence: Int32Array;
  /**
   * clause[i] is the clause of token i: sentences split further at commas, semicolons, colons and
   * spaced dashes. Used only to tell which period a percentage belongs to.
   */
  clause: Int32Array;
  /** How many sentences there are. */
  count: number;
}

export function numberSentences(tokens: TokenList): SentenceNumbers {
  const sentence = new Int32Array(tokens.count);
  const clause = new Int32Array(tokens.count);
  let current = 0;
  let currentClause = 0;
  let pending = false;
  let pendingClause = false;
  for (let index = 0; index < tokens.count; index++) {
    if (index > 0 && (pending || tokens.spacing[index] === PARAGRAPH)) current++;
    if (index > 0 && (pending || pendingClause || tokens.spacing[index] === PARAGRAPH)) currentClause++;
    pending = false;
    pendingClause = false;
    sentence[index] = current;
    clause[index] = currentClause;
    if (tokens.kinds[index] !== PUNCTUATION) continue;
    if (endsSentence(tokens, index)) {
      // Closing quotes and brackets after the stop stay in the sentence they close.
      while (CLOSERS.has(tokens.keys[index + 1] ?? '') && tokens.spacing[index + 1] === JOINED) {
        index++;
        sentence[index] = current;
        clause[index] = currentClause;
      }
      pending = true;
    } else if (endsClause(tokens, index)) {
      pendingClause = true;
    }
  }
  return { sentence, clause, count: current + 1 };
}

/**
 * Whether token index starts a sentence as numberSentences splits them: it is the first of its
 * text or paragraph, or a sentence ends right before it (closing quotes and brackets aside).
 */
export function startsSentence(tokens: TokenList, index: number): boolean {
  if (index === 0 || tokens.spacing[index] === PARAGRAPH) return true;
  let end = index - 1;
  while (end > 0 && CLOSERS.has(tokens.keys[end] ?? '') && tokens.spacing[end] === JOINED) end--;
  return tokens.kinds[end] === PUNCTUATION && endsSentence(tokens, end);
}

const CLAUSE_MARKS = new Set([',', ';', ':', '，', '；', '：', '、']);
const DASHES = new Set(['-', '—']);

function endsClause(tokens: TokenList, index: number): boolean {
  const key = tokens.keys[index] ?? '';
  const spacedAfter = tokens.spacing[index + 1] !== JOINED;
  // "1,6" and "1,600" are numbers; "January-July" is one period.
  if (CLAUSE_MARKS.has(key)) return spacedAfter || tokens.kinds[index + 1] !== NUMBER || tokens.kinds[index - 1] !== NUMBER;
  return DASHES.has(key) && tokens.spacing[index] !== JOINED && spacedAfter;
}

function endsSentence(tokens: TokenList, index: number): boolean {
  const key = tokens.keys[index] ?? '';
  const isStop = key === '.';
  if (!isStop && !ALWAYS_FINAL.has(key)) return false;
  if (key === '。' || key === '！' || key === '？') return true;

  let next = index + 1;
  while (CLOSERS.has(tokens.keys[next] ?? '') && tokens.spacing[next] === JOINED) next++;
  if (next >= tokens.count) return true;
  if (tokens.spacing[next] === JOINED) return false;
  if (!isStop) return true;

  const previous = tokens.keys[index - 1] ?? '';
  const previousIsWord = isWord(tokens.kinds[index - 1]);
  if (tokens.spacing[index] === JOINED && previousIsWord && (previous.length === 1 || ABBREVIATIONS.has(previous))) {
    return false;
  }
  // A sentence starts with a capital, a digit or anything that has no case; "долл. в 2023" goes on.
  if (isWord(tokens.kinds[next]) && caseAt(tokens, next) === LOWER_CASE) return false;
  return true;
}
