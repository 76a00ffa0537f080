// Type-aware mode against plain `check` on a generated 2,000-module TypeScript project with a tsconfig (see
// typed-corpus.mjs): type-aware mode turns on by itself there. Also checks that types find what syntax alone cannot.
// Alone: node bench/types.mjs (prints its RESULTS.md section; BENCH_RUNS, BENCH_DIR as for run.mjs).
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { interleaved } from "./timing.mjs";
import { buildTypedCorpus } from "./typed-corpus.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const FILES = 2000;

/** Every finding of a JSON report as `file:line:column rule`. */
function findingsOf(file, dir) {
  return JSON.parse(readFileSync(file, "utf8")).flatMap((result) =>
    result.messages.map((m) => `${path.relative(dir, result.filePath)}:${m.line}:${m.column} ${m.ruleId}`),
  );
}

export async function run({ root = ROOT, work, runs = 5 }) {
  const dir = path.join(work, "typed-project");
  process.stderr.write(`building the typed project (${FILES} modules) in ${dir}\n`);
  const size = buildTypedCorpus(dir, FILES);
  const bin = path.join(root, "bin", "intercom-migrate.js");
  const check = (label, extra, out) => ({
    label,
    command: process.execPath,
    args: [bin, "check", ".", ...extra, "--format", "json", "--output-file", path.join(work, out)],
    options: { cwd: dir },
  });
  const [plain, typed] = interleaved(
    [check("check --no-types", ["--no-types"], "types-plain.json"), check("check (type-aware: tsconfig.json found)", [], "types-typed.json")],
    runs,
  );
  const plainFindings = findingsOf(path.join(work, "types-plain.json"), dir);
  const typedFindings = findingsOf(path.join(work, "types-typed.json"), dir);
  const onlyTyped = typedFindings.filter((f) => !plainFindings.includes(f));
  const lost = plainFindings.filter((f) => !typedFindings.includes(f));
  if (onlyTyped.length === 0) throw new Error("type-aware mode found nothing more than plain check: the typed project no longer needs types");
  const ratio = typed.seconds / plain.seconds;
  const markdown = [
    "## Type-aware mode",
    "",
    `A generated TypeScript project: ${size.files} modules (${(size.bytes / 2 ** 20).toFixed(1)} MB) importing each other, a tsconfig.json covering all of them, ` +
      `intercom-client 7.x and axios installed; ${size.intercom + size.sent} modules talk to Intercom, some in ways only the type checker sees ` +
      `(a client from a generic container, a client inside an injected dependencies object, payloads typed as the SDK's request type). ` +
      `Median of ${runs} runs each, the two commands alternating, after one warm-up run; peak = largest max RSS.`,
    "",
    "| command | median s | median CPU s | peak MB | findings |",
    "|---|---:|---:|---:|---:|",
    `| ${plain.label} | ${plain.seconds.toFixed(2)} | ${plain.cpu.toFixed(2)} | ${plain.mb.toFixed(0)} | ${plainFindings.length} |`,
    `| ${typed.label} | ${typed.seconds.toFixed(2)} | ${typed.cpu.toFixed(2)} | ${typed.mb.toFixed(0)} | ${typedFindings.length} |`,
    "",
    `Type-aware / plain: **${ratio.toFixed(2)}×** wall, ${(typed.cpu / plain.cpu).toFixed(2)}× CPU. Type-aware mode finds ${onlyTyped.length} findings plain check cannot` +
      (lost.length ? ` and loses ${lost.length} (${lost.slice(0, 3).join(", ")})` : ", and every finding of plain check") +
      ". Its TypeScript program holds only the files that pass the text prefilter and what they import, built once, " +
      "with the target's ECMAScript library but not the DOM's (TypeScript's default for a tsconfig without `lib`) until an answer names a DOM global.",
    "",
  ].join("\n");
  return { markdown, plain, typed, ratio, size };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const work = process.env.BENCH_DIR ?? path.join(os.tmpdir(), "intercom-migrate-bench");
  const { markdown } = await run({ root: ROOT, work, runs: Number(process.env.BENCH_RUNS ?? 5) });
  process.stdout.write(markdown);
}
