// What git knows about changes: files changed since a ref (--changed-since) and files renamed since the baseline was written.
import { spawnSync } from "node:child_process";
import path from "node:path";

/** `--changed-since` cannot be answered: not a git work tree, an unknown ref, git missing. */
export class ChangedSinceError extends Error {}

interface GitResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

/** git with paths taken literally (a file named `*.js` or `:(top)` is that file, not a pattern). */
function git(args: readonly string[], cwd: string): GitResult {
  const result = spawnSync("git", ["--literal-pathspecs", ...args], { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  return { ok: result.status === 0, stdout: result.stdout ?? "", stderr: (result.stderr ?? result.error?.message ?? "").trim() };
}

/** The work tree's top folder, reached from `cwd` as the caller names it (through a symlinked /tmp, say), so paths compare. */
function topLevel(cwd: string): string | undefined {
  const result = git(["rev-parse", "--show-cdup"], cwd);
  return result.ok ? path.resolve(cwd, result.stdout.trim()) : undefined;
}

/** NUL-separated output of `-z` commands. */
const entries = (stdout: string) => stdout.split("\0").filter((entry) => entry.length > 0);

/** Pathspecs for the run's roots, relative to the repository (the whole repository when a root is its top). */
function pathspecs(root: string, roots: readonly string[]): string[] {
  const relative = roots.map((dir) => path.relative(root, dir).split(path.sep).join("/"));
  return relative.some((dir) => dir === "") ? [] : relative;
}

/**
 * Every file changed since `ref` under the roots, absolute: committed since the ref's merge base with HEAD (so a
 * pull request's branch sees its own changes, not what its base gained meanwhile), staged, unstaged, untracked and
 * deleted. Renames count as both names.
 */
export function filesChangedSince(ref: string, cwd: string, roots: readonly string[]): Set<string> {
  const root = topLevel(cwd);
  if (!root) throw new ChangedSinceError(`--changed-since ${ref}: ${cwd} is not in a git work tree`);
  const verified = git(["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`], root);
  if (!verified.ok)
    throw new ChangedSinceError(`--changed-since ${ref}: no such commit, branch or tag in this repository (fetch it first, e.g. git fetch origin main)`);
  const commit = verified.stdout.trim();
  const mergeBase = git(["merge-base", commit, "HEAD"], root);
  const base = mergeBase.ok ? mergeBase.stdout.trim() : commit;
  const scope = pathspecs(root, roots);
  const changed = git(["diff", "--name-only", "--no-renames", "-z", base, "--", ...scope], root);
  const untracked = git(["ls-files", "--others", "--exclude-standard", "-z", "--", ...scope], root);
  for (const result of [changed, untracked]) if (!result.ok) throw new ChangedSinceError(`--changed-since ${ref}: git failed: ${result.stderr}`);
  return new Set([...entries(changed.stdout), ...entries(untracked.stdout)].map((file) => path.join(root, file)));
}

/**
 * Files git saw renamed (or moved, up to git's similarity threshold) since the baseline file was last committed,
 * old → new, absolute: committed and staged (`git mv`) renames. Empty outside git or when nothing is missing.
 */
export function renamesSinceBaseline(baselineFile: string, missing: ReadonlySet<string>): Map<string, string> {
  const renames = new Map<string, string>();
  if (missing.size === 0) return renames;
  const root = topLevel(path.dirname(baselineFile));
  if (!root) return renames;
  const written = git(["log", "-1", "--format=%H", "--", path.relative(root, baselineFile)], root);
  const base = written.ok && written.stdout.trim() ? written.stdout.trim() : "HEAD";
  const diff = git(["diff", "-M", "--name-status", "-z", base], root);
  if (!diff.ok) return renames;
  const fields = entries(diff.stdout);
  for (let i = 0; i < fields.length;) {
    const status = fields[i];
    if (status.startsWith("R") || status.startsWith("C")) {
      const from = path.join(root, fields[i + 1]);
      const to = path.join(root, fields[i + 2]);
      if (status.startsWith("R") && missing.has(from)) renames.set(from, to);
      i += 3;
    } else {
      i += 2;
    }
  }
  return renames;
}

/** The commit checked out, for the history file (undefined outside git or before the first commit). */
export function headCommit(cwd: string): string | undefined {
  const result = git(["rev-parse", "--verify", "--quiet", "HEAD"], cwd);
  return result.ok ? result.stdout.trim() : undefined;
}
