// The dirty-tree guard: `fix` refuses to rewrite files that have uncommitted changes, so the migration is its own diff.
import { spawnSync } from "node:child_process";
import path from "node:path";

export interface DirtyCheck {
  /** False when the files are not in a git work tree (or git is missing): nothing can be checked. */
  inRepository: boolean;
  /** Target files with uncommitted changes (modified, staged or untracked), relative to cwd. */
  dirty: string[];
}

export function dirtyFiles(files: readonly string[], cwd: string): DirtyCheck {
  if (files.length === 0) return { inRepository: false, dirty: [] };
  const top = spawnSync("git", ["rev-parse", "--show-toplevel"], { cwd: path.dirname(files[0]), encoding: "utf8" });
  if (top.status !== 0) return { inRepository: false, dirty: [] };
  const root = top.stdout.trim();
  const dirty: string[] = [];
  // Ask in batches: command lines have a length limit, monorepos have many files.
  for (let i = 0; i < files.length; i += 500) {
    const batch = files.slice(i, i + 500).map((file) => path.relative(root, file));
    const status = spawnSync("git", ["status", "--porcelain=v1", "-z", "--untracked-files=all", "--", ...batch], { cwd: root, encoding: "utf8" });
    if (status.status !== 0) return { inRepository: false, dirty: [] };
    for (const entry of status.stdout.split("\0")) {
      if (entry.length < 4) continue;
      dirty.push(path.relative(cwd, path.join(root, entry.slice(3))));
    }
  }
  return { inRepository: true, dirty };
}
