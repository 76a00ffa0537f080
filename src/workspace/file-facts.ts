// Facts about a file that reports carry (why it was skipped, what identified it when read), free of Node types so
// the programmatic API's declarations compile without @types/node.

/** What identifies the file that was read: a write re-checks it just before replacing the file. */
export interface FileIdentity {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  mode: number;
  nlink: number;
  uid: number;
  gid: number;
}

/** Why a file was not analysed, as one word (JSON `notAnalysed.reason`, SARIF notification ids). */
export type SkipReason = "too-large" | "minified" | "binary" | "symlink" | "ignored" | "not-regular-file" | "outside-roots" | "unreadable";
