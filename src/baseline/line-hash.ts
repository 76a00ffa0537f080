// GitHub code scanning's `primaryLocationLineHash`: a rolling hash of the 100 non-blank characters from each line's start.
//
// The same algorithm as github/codeql-action's `fingerprints.ts`, so a SARIF log carrying these values keeps its alerts
// when the upload action would otherwise compute them: spaces and tabs are skipped, CR, LF and CRLF all count as one
// LF, a 65535 marks the end of the text, and each line's value is `<hex>:<n>`, n counting identical hashes so far.

const BLOCK_SIZE = 100;
const MOD = 37n;
const END_OF_TEXT = 65535;
const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const WORD = 64;

/** MOD to the power BLOCK_SIZE, modulo 2^64: what the character leaving the window weighs. */
const LEAVING_WEIGHT = (() => {
  let weight = 1n;
  for (let i = 0; i < BLOCK_SIZE; i++) weight = BigInt.asUintN(WORD, weight * MOD);
  return weight;
})();

/** The `primaryLocationLineHash` of every line of `text`, index 0 for line 1. */
export function lineHashes(text: string): string[] {
  const hashes: string[] = [];
  const window = new Array<number>(BLOCK_SIZE).fill(0);
  // The line that starts at each window slot, or -1.
  const lineAt = new Array<number>(BLOCK_SIZE).fill(-1);
  const seen = new Map<string, number>();
  let hash = 0n;
  let index = 0;
  let line = 0;
  let atLineStart = true;
  let afterCr = false;

  const emit = () => {
    const value = hash.toString(16);
    const count = (seen.get(value) ?? 0) + 1;
    seen.set(value, count);
    hashes[lineAt[index] - 1] = `${value}:${count}`;
    lineAt[index] = -1;
  };
  const push = (code: number) => {
    const leaving = window[index];
    window[index] = code;
    hash = BigInt.asUintN(WORD, MOD * hash + BigInt(code) - LEAVING_WEIGHT * BigInt(leaving));
    index = (index + 1) % BLOCK_SIZE;
  };
  const take = (raw: number) => {
    if (raw === SPACE || raw === TAB || (afterCr && raw === LF)) {
      afterCr = false;
      return;
    }
    const code = raw === CR ? LF : raw;
    afterCr = raw === CR;
    if (lineAt[index] !== -1) emit();
    if (atLineStart) {
      atLineStart = false;
      line++;
      lineAt[index] = line;
    }
    if (code === LF) atLineStart = true;
    push(code);
  };

  for (let i = 0; i < text.length; i++) take(text.charCodeAt(i));
  take(END_OF_TEXT);
  for (let i = 0; i < BLOCK_SIZE; i++) {
    if (lineAt[index] !== -1) emit();
    push(0);
  }
  return hashes;
}
