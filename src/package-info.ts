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

export function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }).version;
}

/**
 * Where the rule docs (`<base>/rules/<id>.md`) are read on the web: by default the very files this version of the
 * package ships, as the npm registry serves them through unpkg; `INTERCOM_MIGRATE_DOCS_URL` names another base (a
 * mirror, an internal copy of the docs). SARIF's helpUri, the ESLint rules' docs.url and the language server's links.
 */
export const DOCS_BASE_URL = docsBaseUrl(process.env.INTERCOM_MIGRATE_DOCS_URL);

/** The docs base for a configured value: an absolute URL as given (without trailing slashes), else the default. */
export function docsBaseUrl(configured: string | undefined): string {
  const shipped = `https://unpkg.com/intercom-migrate@${packageVersion()}`;
  if (!configured) return shipped;
  if (URL.canParse(configured)) return configured.replace(/\/+$/, "");
  // Not worth failing a run for a link, but never ignored without a word.
  process.emitWarning(`INTERCOM_MIGRATE_DOCS_URL is not an absolute URL (${JSON.stringify(configured)}); the rule docs link to ${shipped}`);
  return shipped;
}
