// Dependencies loaded on first use with require(): start-up stays cheap (no ESM-to-CommonJS export scanning),
// and what a run does not need (the parser for files the prefilter ruled out, diff, atomic writes) is never loaded.
import { createRequire } from "node:module";

const requireHere = createRequire(import.meta.url);

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the module type; require() cannot infer it
function lazy<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= requireHere(name) as T);
}

export const babelParser = lazy<typeof import("@babel/parser")>("@babel/parser");
export const cliProgress = lazy<typeof import("cli-progress")>("cli-progress");
export const commander = lazy<typeof import("commander")>("commander");
export const diff = lazy<typeof import("diff")>("diff");
export const ignore = lazy<typeof import("ignore")>("ignore");
export const picocolors = lazy<typeof import("picocolors")>("picocolors");
export const writeFileAtomic = lazy<typeof import("write-file-atomic")>("write-file-atomic");
export const yaml = lazy<typeof import("yaml")>("yaml");
