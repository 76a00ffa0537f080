// Reading files the tool did not write: regular files only, within a size limit, never blocking on a FIFO or a device.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats } from "node:fs";

export type RegularFileRead =
  { ok: true; bytes: Buffer; stat: Stats } | { ok: false; kind: "symlink" | "not-regular" | "too-large" | "unreadable"; problem: string; stat?: Stats };

const CHUNK = 64 * 1024;
/** The buffer reads after a file's first go through (files are read one at a time, synchronously). */
const scratch = Buffer.allocUnsafe(CHUNK);

import type { FileIdentity } from "./file-facts.js";
export type { FileIdentity };

export function identityOf(stat: Stats): FileIdentity {
  return { dev: stat.dev, ino: stat.ino, size: stat.size, mtimeMs: stat.mtimeMs, mode: stat.mode, nlink: stat.nlink, uid: stat.uid, gid: stat.gid };
}

/** What a path is, in words ("a FIFO", "a character device"), for messages. */
export function fileKind(stat: Stats): string {
  if (stat.isFile()) return "a regular file";
  if (stat.isDirectory()) return "a folder";
  if (stat.isSymbolicLink()) return "a symbolic link";
  if (stat.isFIFO()) return "a FIFO (named pipe)";
  if (stat.isCharacterDevice()) return "a character device";
  if (stat.isBlockDevice()) return "a block device";
  if (stat.isSocket()) return "a socket";
  return "not a regular file";
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

/**
 * Read a regular file whole, or say why not. The file is opened without blocking (a FIFO would wait for a writer)
 * and checked on the open descriptor, so a file swapped for a pipe, a device or a link after a check is still
 * refused; reading stops at `maxBytes` even when the size the system reports is wrong (0 for /proc files).
 */
export function readRegularFile(filePath: string, maxBytes: number, options: { followSymlinks?: boolean } = {}): RegularFileRead {
  const follow = options.followSymlinks ?? true;
  let fd: number;
  try {
    fd = openSync(filePath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (follow ? 0 : (constants.O_NOFOLLOW ?? 0)));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!follow && (code === "ELOOP" || code === "EMLINK")) return { ok: false, kind: "symlink", problem: "a symbolic link" };
    return { ok: false, kind: "unreadable", problem: `cannot read file: ${code ?? (error as Error).message}` };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, kind: "not-regular", problem: `${fileKind(stat)}, not a regular file`, stat };
    if (stat.size > maxBytes) return { ok: false, kind: "too-large", problem: `${megabytes(stat.size)} is over the ${megabytes(maxBytes)} limit`, stat };
    const chunks: Buffer[] = [];
    let total = 0;
    // The first read asks for the reported size and one byte more (one small buffer, from the shared pool for
    // most files); the reads after it go through one scratch buffer, copied out only when they bring bytes (a
    // file that grew, a size reported as 0), so the usual last read that says "end of file" allocates nothing.
    const first = Buffer.allocUnsafe(Math.min(stat.size > 0 ? stat.size + 1 : CHUNK, maxBytes + 1));
    for (let buffer = first; ; buffer = scratch) {
      const read = readSync(fd, buffer, 0, Math.min(buffer.length, maxBytes + 1 - total) || 1, null);
      if (read === 0) break;
      chunks.push(buffer === first ? first.subarray(0, read) : Buffer.from(scratch.subarray(0, read)));
      total += read;
      if (total > maxBytes) return { ok: false, kind: "too-large", problem: `over the ${megabytes(maxBytes)} limit`, stat };
    }
    return { ok: true, bytes: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total), stat };
  } catch (error) {
    return { ok: false, kind: "unreadable", problem: `cannot read file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  } finally {
    closeSync(fd);
  }
}

/**
 * Scan a file too large to analyse, chunk by chunk, until `found` says yes (chunks overlap by `overlap` bytes, so a
 * needle across a boundary is seen). Reads at most `limit` bytes; undefined when it could not tell.
 */
export function scanRegularFile(filePath: string, limit: number, overlap: number, found: (chunk: Uint8Array) => boolean): boolean | undefined {
  let fd: number;
  try {
    fd = openSync(filePath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch {
    return undefined;
  }
  try {
    if (!fstatSync(fd).isFile()) return undefined;
    const size = 1024 * 1024;
    const buffer = Buffer.allocUnsafe(size + overlap);
    let carried = 0;
    for (let total = 0; total < limit;) {
      const read = readSync(fd, buffer, carried, size, null);
      if (read === 0) return false;
      total += read;
      const end = carried + read;
      if (found(buffer.subarray(0, end))) return true;
      carried = Math.min(overlap, end);
      buffer.copy(buffer, 0, end - carried, end);
    }
    return undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** lstat that answers undefined instead of throwing. */
export function lstatOrUndefined(filePath: string): Stats | undefined {
  try {
    return lstatSync(filePath);
  } catch {
    return undefined;
  }
}
