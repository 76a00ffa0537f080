// The benchmark's guard against a speed-up that changes results: the findings `check` reports on each corpus,
// reduced to stable lines (path relative to the corpus, line, column, rule, severity, message), compared with the
// saved baseline in bench/expected-findings/<corpus>.json. BENCH_UPDATE_FINDINGS=1 saves the current ones instead.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const EXPECTED = path.join(path.dirname(fileURLToPath(import.meta.url)), "expected-findings");

/** The findings of one `check --format json` output, as sorted lines independent of where the corpus lives. */
export function findingLines(jsonPath, corpusDir) {
  const files = JSON.parse(readFileSync(jsonPath, "utf8"));
  const lines = [];
  for (const file of files) {
    const relative = path.relative(corpusDir, file.filePath).split(path.sep).join("/");
    for (const m of file.messages) lines.push(`${relative}:${m.line}:${m.column} ${m.ruleId ?? "-"} ${m.severity} ${m.message}`);
  }
  return lines.sort();
}

/**
 * Compare a corpus's findings with the baseline: { same, count, digest, problem }. Without a baseline (or with
 * BENCH_UPDATE_FINDINGS=1) the current findings become the baseline.
 */
export function checkFindings(corpus, lines) {
  const digest = createHash("sha256").update(lines.join("\n")).digest("hex");
  const file = path.join(EXPECTED, `${corpus}.json`);
  if (process.env.BENCH_UPDATE_FINDINGS === "1" || !existsSync(file)) {
    mkdirSync(EXPECTED, { recursive: true });
    writeFileSync(file, JSON.stringify({ count: lines.length, digest, findings: lines }, null, 2) + "\n");
    return { same: true, count: lines.length, digest, saved: true };
  }
  const expected = JSON.parse(readFileSync(file, "utf8"));
  if (expected.digest === digest) return { same: true, count: lines.length, digest };
  const before = new Set(expected.findings);
  const after = new Set(lines);
  const lost = expected.findings.filter((line) => !after.has(line));
  const gained = lines.filter((line) => !before.has(line));
  const problem = [
    `findings on ${corpus} differ from ${path.relative(process.cwd(), file)}:`,
    ...lost.slice(0, 10).map((l) => `  - ${l}`),
    ...gained.slice(0, 10).map((l) => `  + ${l}`),
  ];
  return { same: false, count: lines.length, digest, problem: problem.join("\n") };
}
