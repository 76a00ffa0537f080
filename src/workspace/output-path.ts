// Paths the run writes its own output to (-o, --report): checked before any file is fixed, so a bad one fails first.
import { accessSync, constants, existsSync, statSync } from "node:fs";
import path from "node:path";

/**
 * Why the output cannot be written at `file`, or undefined when it can: it must not be a folder, and the nearest
 * folder that exists above it must be a folder we may write in (missing folders are created when writing).
 */
export function outputPathProblem(cwd: string, file: string): string | undefined {
  const absolute = path.resolve(cwd, file);
  if (existsSync(absolute)) {
    const info = statSync(absolute);
    if (info.isDirectory()) return "is a folder; name a file";
    try {
      accessSync(absolute, constants.W_OK);
    } catch {
      return "exists and cannot be written (no permission)";
    }
    return undefined;
  }
  let ancestor = path.dirname(absolute);
  while (!existsSync(ancestor) && path.dirname(ancestor) !== ancestor) ancestor = path.dirname(ancestor);
  if (!statSync(ancestor).isDirectory()) return `cannot be created: ${ancestor} is a file, not a folder`;
  try {
    accessSync(ancestor, constants.W_OK);
  } catch {
    return `cannot be created: no permission to write in ${ancestor}`;
  }
  return undefined;
}
