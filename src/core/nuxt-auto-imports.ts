// Names a Nuxt (or Nitro) project uses without importing them: the exports of its auto-imported folders
// (`server/utils/`, `utils/`, `composables/`, `shared/utils/`), and `useRuntimeConfig()`, read from the
// `runtimeConfig` of nuxt.config.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { resolveBinding } from "./scope.js";
import type { SourceFile } from "./source.js";
import { objectProperty, unwrapExpression, type Ref, type Resolver, type Value, type ValueReader } from "./values.js";

const CONFIG_FILES = ["nuxt.config.ts", "nuxt.config.js", "nuxt.config.mjs", "nitro.config.ts", "nitro.config.js"];
/** Folders whose exports are auto-imported (recursively for server utilities). */
const AUTO_IMPORT_DIRS: ReadonlyArray<{ dir: string; deep: boolean }> = [
  { dir: "server/utils", deep: true },
  { dir: "utils", deep: false },
  { dir: "composables", deep: false },
  { dir: "shared/utils", deep: false },
  { dir: "app/utils", deep: false },
  { dir: "app/composables", deep: false },
];
const SOURCE = /\.(?:[cm]?[jt]s)$/;
const EXPORTED_NAME = /export\s+(?:const|let|var|async\s+function|function|class)\s+([A-Za-z_$][\w$]*)/g;

interface NuxtProject {
  root: string;
  config: string;
  /** Auto-imported names and the file that exports each. */
  exports: Map<string, string>;
}

const projects = new Map<string, NuxtProject | null>();

/** The Nuxt project a file belongs to: the nearest folder above it with a nuxt.config (not above a repository root). */
function nuxtProjectOf(filePath: string): NuxtProject | undefined {
  const dir = path.dirname(path.resolve(filePath));
  const cached = projects.get(dir);
  if (cached !== undefined) return cached ?? undefined;
  let found: NuxtProject | undefined;
  const config = CONFIG_FILES.map((name) => path.join(dir, name)).find((candidate) => existsSync(candidate));
  if (config) found = { root: dir, config, exports: autoImports(dir) };
  else if (!existsSync(path.join(dir, ".git")) && path.dirname(dir) !== dir && path.basename(dir) !== "node_modules") found = nuxtProjectOf(dir);
  projects.set(dir, found ?? null);
  return found;
}

function autoImports(root: string): Map<string, string> {
  const exports = new Map<string, string>();
  for (const { dir, deep } of AUTO_IMPORT_DIRS) {
    const folder = path.join(root, dir);
    if (!existsSync(folder)) continue;
    const entries = readdirSync(folder, { recursive: deep, encoding: "utf8" }).filter((name) => SOURCE.test(name) && !name.endsWith(".d.ts"));
    for (const entry of entries.sort()) {
      const file = path.join(folder, entry);
      for (const match of readFileSync(file, "utf8").matchAll(EXPORTED_NAME)) if (!exports.has(match[1])) exports.set(match[1], file);
    }
  }
  return exports;
}

function relativeSpecifier(from: string, to: string): string {
  const relative = path
    .relative(path.dirname(path.resolve(from)), to)
    .split(path.sep)
    .join("/");
  return relative.startsWith(".") ? relative : `./${relative}`;
}

/** The object nuxt.config gives `runtimeConfig` (`defineNuxtConfig({ runtimeConfig: { … } })`). */
function runtimeConfig(resolver: Resolver, file: SourceFile, project: NuxtProject): Value | undefined {
  const config = resolver.project.resolveImport(file.path, relativeSpecifier(file.path, project.config));
  if (!config) return undefined;
  const exported = resolver.exportValue(config, "default", 0);
  if (exported.kind !== "node") return undefined;
  let node = unwrapExpression(exported.ref.node);
  if (node.type === "CallExpression" && node.arguments[0]) node = unwrapExpression(node.arguments[0]);
  const property = node.type === "ObjectExpression" ? objectProperty(node, "runtimeConfig") : undefined;
  return property ? resolver.resolveValue({ file: exported.ref.file, node: property.value }) : undefined;
}

/** Is this file part of a Nuxt (or Nitro) project, where names may be used without an import? */
export function inNuxtProject(filePath: string): boolean {
  return nuxtProjectOf(filePath) !== undefined;
}

/** The readers for Nuxt's auto-imports, installed on a resolver. */
export function nuxtAutoImports(resolver: Resolver): ValueReader {
  return {
    global(ref: Ref, name: string, depth: number) {
      const project = nuxtProjectOf(ref.file.path);
      const file = project?.exports.get(name);
      const module =
        file && path.resolve(file) !== path.resolve(ref.file.path)
          ? resolver.project.resolveImport(ref.file.path, relativeSpecifier(ref.file.path, file))
          : undefined;
      return module ? resolver.exportValue(module, name, depth + 1) : undefined;
    },
    member(value: Value, name) {
      if (value.kind !== "node" || typeof name !== "string") return undefined;
      const node = unwrapExpression(value.ref.node);
      if (
        node.type !== "CallExpression" ||
        node.callee.type !== "Identifier" ||
        node.callee.name !== "useRuntimeConfig" ||
        resolveBinding(value.ref.file, node.callee)
      )
        return undefined;
      const project = nuxtProjectOf(value.ref.file.path);
      const config = project ? runtimeConfig(resolver, value.ref.file, project) : undefined;
      return config ? resolver.memberOf(config, name, 0) : undefined;
    },
  };
}
