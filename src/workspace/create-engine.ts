// The one way every front-end builds an engine: configuration, rule selection, settings, test doubles and type-aware mode,
// resolved the same way from a working directory and a few overrides.
import { existsSync } from "node:fs";
import path from "node:path";
import { RULES } from "../../rules/index.js";
import { Engine } from "../core/engine.js";
import type { TypesSource } from "../core/project.js";
import type { Rule } from "../core/types.js";
import { withInjectedFaults } from "../run/faults.js";
import { ConfigError, defaultConfig, loadConfig, selectRules, type Config } from "./config.js";
import { installedSdkVersion, tsconfigChain } from "./tsconfig.js";

/** What a front-end may say; everything else is found from `cwd`. Plain data, so a pool worker can build the same engine. */
export interface EngineRequest {
  /** Where the configuration file and `tsconfig.json` are looked up (and relative paths start). */
  cwd: string;
  /** A configuration file named explicitly (`--config`) instead of the one found upwards from `cwd`; false for none (defaults). */
  configPath?: string | false;
  /** Only these rule ids (`--rule`). */
  rules?: readonly string[];
  /** Not these rule ids (`--ignore-rule`). */
  ignoreRules?: readonly string[];
  /** Rule settings merged over the configuration's (`{ ticketUpdates: { actingAdminId: 123 } }`). */
  settings?: Record<string, unknown>;
  /** Test doubles and test files; undefined uses the configuration's `tests` (default true). */
  tests?: boolean;
  /** Type-aware mode: a tsconfig path for every file, false for off, undefined for each file's nearest tsconfig.json. */
  types?: string | false;
}

export interface ConfiguredEngine {
  engine: Engine;
  config: Config;
  /** The rules the engine runs, with the severities the configuration gives them. */
  rules: Rule[];
  /** The rule settings in force: the configuration's, with the request's over them. */
  settings: Record<string, unknown>;
  tests: boolean;
  /** Type-aware mode: the tsconfig named for every file, "nearest" (each file's own), or undefined when off. */
  typesConfig: TypesSource | undefined;
  /** The request this engine was built from (what a worker needs to build the same one). */
  request: EngineRequest;
}

/**
 * Type-aware mode's tsconfig: the one named (`--project`), or "nearest" (each file's nearest tsconfig.json, the
 * default), or undefined when switched off. A tsconfig and what it extends must be regular files within a size limit
 * (TypeScript would read a FIFO or /dev/zero forever): a named one that is not is an error; a nearest one that is not
 * leaves its files without types, with a warning.
 */
export function typesConfigFor(request: Pick<EngineRequest, "types" | "cwd">): TypesSource | undefined {
  if (request.types === false) return undefined;
  if (typeof request.types === "string") {
    const named = path.resolve(request.cwd, request.types);
    if (!existsSync(named)) throw new ConfigError(`${request.types}: no such tsconfig file (--project)`);
    const { problem } = tsconfigChain(named);
    if (problem) throw new ConfigError(`${request.types}: cannot be used for type-aware mode: ${problem} (--project)`);
    return { tsconfig: named };
  }
  return "nearest";
}

/** `warnings`: problems that do not stop the engine (a tsconfig type-aware mode cannot use), for the front-end to show. */
export function createEngine(request: EngineRequest, warnings: string[] = []): ConfiguredEngine {
  const config = request.configPath === false ? defaultConfig(request.cwd) : loadConfig(request.cwd, RULES, request.configPath);
  // INTERCOM_MIGRATE_TEST_FAULTS (tests only) makes named rules throw, in every front-end alike.
  const rules = withInjectedFaults(selectRules(RULES, config, request.rules ?? [], request.ignoreRules ?? []));
  const tests = request.tests ?? config.tests;
  const settings = { ...config.settings, ...request.settings };
  const engine = new Engine({ rules, settings, tests });
  const typesConfig = typesConfigFor(request);
  engine.project.types = typesConfig;
  engine.project.tsconfigProblem = (tsconfig) => {
    const { problem } = tsconfigChain(tsconfig);
    if (problem) warnings.push(`type-aware mode is off: ${problem}; pass --project with a usable tsconfig, or --no-types`);
    return problem;
  };
  engine.project.sdkVersionReader = installedSdkVersion;
  return { engine, config, rules, settings, tests, typesConfig, request };
}
