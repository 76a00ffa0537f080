// Replacing a fixed file on disk: only a regular file inside the given roots, never through a link, never a read-only
// or hard-linked file, and only if it is still, byte for byte, the file that was read (checked again just before
// the rename). Temp file + rename, so a file is never half-written.
import { randomInt } from "node:crypto";
import {
  accessSync,
  closeSync,
  constants,
  fchownSync,
  fsyncSync,
  lstatSync,
  openSync,
  realpathSync,
  renameSync,
  unlinkSync,
  writeSync,
  type Stats,
} from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { FileIdentity } from "./file-facts.js";
import { readRegularFile } from "./read.js";

export type WriteRefusalReason = "symlink" | "not-regular-file" | "outside-roots" | "read-only" | "hard-linked" | "changed" | "write-failed";

export interface WriteRefusal {
  reason: WriteRefusalReason;
  /** What was wrong and what to do, for the report. */
  message: string;
}

export interface WriteTarget {
  filePath: string;
  /** The file as it was read. */
  identity: FileIdentity;
  /** Its text as it was read, and the fixed text. */
  original: string;
  output: string;
}

export interface WritePolicy {
  /** Real paths of the folders and files named on the command line: nothing outside them is written. */
  roots: readonly string[];
  /** `--follow-symlinks`: a file reached through a link is written at its real path (still inside the roots). */
  followSymlinks?: boolean;
  /** Test hooks (INTERCOM_MIGRATE_TEST_FAULTS): wait before the last check, make a rename fail. */
  faults?: { pauseBeforeRenameMs: number; failingWrites: ReadonlySet<string> };
}

const CHANGED = "the file changed while it was being fixed; left it as it is now (run fix again)";

export function isInside(file: string, roots: readonly string[]): boolean {
  return roots.some((root) => file === root || file.startsWith(root.endsWith(path.sep) ? root : root + path.sep));
}

/** Why the file must not be written although it could be renamed over, or undefined when it may be written. */
function writeProtection(stat: Stats, filePath: string): string | undefined {
  // No write bit at all is read-only even for root, who could write it anyway: the mode says "leave me alone".
  if ((stat.mode & 0o222) === 0) return "the file is read-only (make it writable to fix it)";
  try {
    accessSync(filePath, constants.W_OK);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "EPERM"
      ? "the file is protected (immutable or append-only) (EPERM); remove the protection to fix it"
      : `no permission to write the file (${code ?? "EACCES"}); fix it as its owner`;
  }
}

function sameFile(stat: Stats, identity: FileIdentity): boolean {
  return stat.dev === identity.dev && stat.ino === identity.ino && stat.size === identity.size && stat.mtimeMs === identity.mtimeMs;
}

/**
 * Where the fixed text may go, or why it must not be written: checked before the temp file is made, and by
 * `fix --dry-run` so it reports the same refusals. Returns the real path to replace.
 */
export function writePermission(
  target: Pick<WriteTarget, "filePath" | "identity">,
  policy: WritePolicy,
): { ok: true; realPath: string } | { ok: false; refusal: WriteRefusal } {
  const refuse = (reason: WriteRefusalReason, message: string) => ({ ok: false as const, refusal: { reason, message } });
  let own: Stats;
  try {
    own = lstatSync(target.filePath);
  } catch {
    return refuse("changed", CHANGED);
  }
  if (own.isSymbolicLink() && !policy.followSymlinks)
    return refuse("symlink", "not written: it is a symbolic link, and fix never writes through one (pass --follow-symlinks, or fix its target)");
  let realPath: string;
  try {
    realPath = realpathSync(target.filePath);
  } catch {
    return refuse("changed", CHANGED);
  }
  if (!isInside(realPath, policy.roots))
    return refuse("outside-roots", `not written: it is really ${realPath}, outside the paths given to fix (name that path to fix it)`);
  let stat: Stats;
  try {
    stat = lstatSync(realPath);
  } catch {
    return refuse("changed", CHANGED);
  }
  if (!stat.isFile()) return refuse("not-regular-file", "not written: it is no longer a regular file");
  if (stat.dev !== target.identity.dev || stat.ino !== target.identity.ino) return refuse("changed", CHANGED);
  if (stat.nlink > 1) {
    return refuse(
      "hard-linked",
      `not written: it has ${stat.nlink} hard links, and replacing it would split it from the others (fix each name's file separately, or break the links first)`,
    );
  }
  const protection = writeProtection(stat, realPath);
  if (protection) return refuse("read-only", `not written: ${protection}`);
  return { ok: true, realPath };
}

/** A message for a failed write that says what the system said and what it likely means. */
function writeFailure(error: unknown): WriteRefusal {
  const code = (error as NodeJS.ErrnoException).code;
  const meaning =
    code === "EPERM"
      ? "the file or its folder is protected (immutable, append-only, or owned by someone else)"
      : code === "EACCES"
        ? "no permission to replace it"
        : code === "ENOSPC"
          ? "the disk is full"
          : code === "EROFS"
            ? "the file system is read-only"
            : "the system refused";
  return { reason: "write-failed", message: `not written: ${meaning} (${code ?? (error as Error).message}); the file is unchanged` };
}

/**
 * Replace the file with the fixed text if, and only if, it is still the file that was read. The final check
 * (same inode, size, modification time and content) runs immediately before the rename: what remains is the
 * window between that check and the rename itself, which no portable call closes (README, "Safety").
 */
export async function replaceIfUnchanged(target: WriteTarget, policy: WritePolicy): Promise<{ ok: true } | { ok: false; refusal: WriteRefusal }> {
  const permission = writePermission(target, policy);
  if (!permission.ok) return permission;
  const file = permission.realPath;
  const faults = policy.faults;
  // Beside the file, so the rename stays on one file system; named <file>.<number>, never taken for a source.
  const temp = `${file}.${randomInt(2 ** 31)}`;
  let fd: number | undefined;
  try {
    fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, target.identity.mode & 0o7777);
    const bytes = Buffer.from(target.output, "utf8");
    for (let written = 0; written < bytes.length;) written += writeSync(fd, bytes, written, bytes.length - written);
    if (process.getuid?.() === 0 && (target.identity.uid !== 0 || target.identity.gid !== 0)) fchownSync(fd, target.identity.uid, target.identity.gid);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (faults && faults.pauseBeforeRenameMs > 0) await sleep(faults.pauseBeforeRenameMs);
    // The last look: nothing but these checks stands between them and the rename.
    const now = lstatSync(file);
    const reread = readRegularFile(file, target.identity.size + 1, { followSymlinks: false });
    if (!now.isFile() || !sameFile(now, target.identity) || !reread.ok || !reread.bytes.equals(Buffer.from(target.original, "utf8"))) {
      unlinkSync(temp);
      return { ok: false, refusal: { reason: "changed", message: CHANGED } };
    }
    if (faults?.failingWrites.has(path.basename(file))) throw Object.assign(new Error("operation not permitted (injected fault)"), { code: "EPERM" });
    renameSync(temp, file);
    return { ok: true };
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // the temp file was never made
    }
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { ok: false, refusal: { reason: "changed", message: CHANGED } };
    return { ok: false, refusal: writeFailure(error) };
  }
}
