// Types of the bridge's one export used from TypeScript (the parity tests): the plan for a target folder.
/** The whole run, as `intercom-migrate fix --dry-run .` in `target`: the fixed text of every file it would change, written below `dir`. */
export function makePlan(target: string, dryRun: boolean, dir: string): Promise<void>;
/** The name of a file's answer in a plan: a digest of its path relative to the target, with `/` separators. */
export function fileKey(relative: string): string;
