// The dirty-tree guard: `fix` refuses to rewrite files that have uncommitted changes, so the migration is its own diff.
// It fails closed: when git cannot answer for a file inside a work tree, the answer is "refuse", never "clean".
import { spawnSync } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import path from "node:path";

export interface DirtyCheck {
  /** True when at least one file is in a git work tree (and git answered for it). */
  inRepository: boolean;
  /** Target files with uncommitted changes (modified, staged, untracked or ignored by git), relative to cwd. */
  dirty: string[];
  /** Target files in no git work tree: nothing could be checked for them (named in the run's summary). */
  outsideWorkTree: string[];
  /** Why git could not answer for a work tree (git missing, dubious ownership, …): fix must refuse. */
  unanswered?: string;
}

const BATCH = 500;

function realpathOrSelf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/** The nearest folder at or above `dir` holding `.git` (a folder, or a file in worktrees and submodules). */
function workTreeOf(dir: string, memo: Map<string, string | null>): string | null {
  const walked: string[] = [];
  let found: string | null = null;
  for (let current = dir; ; current = path.dirname(current)) {
    const known = memo.get(current);
    if (known !== undefined) {
      found = known;
      break;
    }
    walked.push(current);
    if (existsSync(path.join(current, ".git"))) {
      found = current;
      break;
    }
    if (path.dirname(current) === current) break;
  }
  for (const step of walked) memo.set(step, found);
  return found;
}

function git(args: string[], cwd: string): { ok: true; stdout: string } | { ok: false; why: string } {
  // --literal-pathspecs: a file named `:x.js` or `*.js` is that file, not pathspec magic or a glob.
  const result = spawnSync("git", ["--literal-pathspecs", ...args], { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    return { ok: false, why: code === "ENOENT" ? "git is not installed or not on PATH" : `git could not be run (${code ?? result.error.message})` };
  }
  if (result.status !== 0) return { ok: false, why: (result.stderr || `git exited with ${result.status ?? "a signal"}`).trim().split("\n")[0] };
  return { ok: true, stdout: result.stdout };
}

/** Porcelain v1 with -z: `XY path\0`, and for renames and copies one more `\0`-ended path (the source). */
function changedPaths(porcelain: string): Array<{ path: string; ignored: boolean }> {
  const entries = porcelain.split("\0");
  const changed: Array<{ path: string; ignored: boolean }> = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (entry.length < 4) continue;
    const status = entry.slice(0, 2);
    changed.push({ path: entry.slice(3), ignored: status === "!!" });
    if (status.includes("R") || status.includes("C")) i++; // the rename's source path
  }
  return changed;
}

export function dirtyFiles(files: readonly string[], cwd: string): DirtyCheck {
  const result: DirtyCheck = { inRepository: false, dirty: [], outsideWorkTree: [] };
  const byWorkTree = new Map<string, string[]>();
  const memo = new Map<string, string | null>();
  for (const file of files) {
    const real = realpathOrSelf(file);
    const tree = workTreeOf(path.dirname(real), memo);
    if (tree === null) result.outsideWorkTree.push(path.relative(cwd, file));
    else byWorkTree.set(tree, [...(byWorkTree.get(tree) ?? []), real]);
  }
  for (const [tree, treeFiles] of byWorkTree) {
    const top = git(["rev-parse", "--show-toplevel"], tree);
    if (!top.ok) {
      result.unanswered = `git could not say whether files in ${tree} have uncommitted changes: ${top.why}`;
      return result;
    }
    const root = realpathOrSelf(top.stdout.trim());
    result.inRepository = true;
    for (let i = 0; i < treeFiles.length; i += BATCH) {
      const batch = treeFiles.slice(i, i + BATCH).map((file) => path.relative(root, file));
      if (batch.some((relative) => relative.startsWith("..") || path.isAbsolute(relative))) {
        result.unanswered = `git's work tree ${root} does not hold the files it was asked about in ${tree}`;
        return result;
      }
      const status = git(["status", "--porcelain=v1", "-z", "--untracked-files=all", "--ignored=matching", "--", ...batch], root);
      if (!status.ok) {
        result.unanswered = `git could not say whether files in ${root} have uncommitted changes: ${status.why}`;
        return result;
      }
      for (const changed of changedPaths(status.stdout)) {
        const name = path.relative(cwd, path.join(root, changed.path));
        result.dirty.push(changed.ignored ? `${name} (ignored by git, so a rewrite could not be reviewed or reverted)` : name);
      }
    }
  }
  return result;
}
