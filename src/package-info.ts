// This package's own facts: where it is installed, its version, where its rule docs are published.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The package's own folder (found upwards: this module runs from src/ in tests and from dist/src/ when built). */
export const PACKAGE_ROOT = ((): string => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
})();

/** Where the rule docs are published (the repository's rules/ folder). */
export const DOCS_BASE_URL = "https://github.com/intercom-migrate/intercom-migrate/blob/main";

export function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }).version;
}
