// What NestJS injects for a constructor parameter marked `@Inject(TOKEN)`: the provider registered for that token
// (`{ provide: TOKEN, useFactory | useValue | useClass | useExisting }`), looked for where the token is declared,
// where it is injected, and in the modules and provider files beside them.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import type { Decorator, Node, ObjectExpression } from "@babel/types";
import { returnedExpressions } from "./function-returns.js";
import { isFunctionNode, type Binding } from "./scope.js";
import type { SourceFile } from "./source.js";
import { objectProperty, unwrapExpression, type Resolver, type Value } from "./values.js";

const PROVIDER_FILES = /\.(?:module|providers?)\.[cm]?[jt]s$/;

/** The token of `@Inject(TOKEN)` on a parameter (the parameter property or the plain parameter). */
function injectToken(file: SourceFile, binding: Extract<Binding, { kind: "param" }>): Node | undefined {
  const holder = file.parent(binding.id);
  const decorators: Decorator[] = [...(binding.id.decorators ?? []), ...(holder?.type === "TSParameterProperty" ? (holder.decorators ?? []) : [])];
  for (const decorator of decorators) {
    const call = decorator.expression;
    if (call.type === "CallExpression" && call.callee.type === "Identifier" && call.callee.name === "Inject" && call.arguments[0]) return call.arguments[0];
  }
  return undefined;
}

/** A token's identity: the declaration a name resolves to, or a string's value. */
function tokenKey(resolver: Resolver, file: SourceFile, token: Node): Node | string | undefined {
  const node = unwrapExpression(token);
  if (node.type === "StringLiteral") return node.value;
  const value = resolver.resolveValue({ file, node });
  if (value.kind !== "node") return undefined;
  const resolved = unwrapExpression(value.ref.node);
  return resolved.type === "StringLiteral" ? resolved.value : resolved;
}

/** The project files where providers for a token may be registered. */
function providerFiles(resolver: Resolver, file: SourceFile, token: Node): SourceFile[] {
  const files = new Map<string, SourceFile>([[file.path, file]]);
  const declared = resolver.resolveValue({ file, node: token });
  if (declared.kind === "node") files.set(declared.ref.file.path, declared.ref.file);
  for (const known of [...files.values()]) {
    const dir = path.dirname(path.resolve(known.path));
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).filter((entry) => PROVIDER_FILES.test(entry))) {
      const module = resolver.project.resolveImport(known.path, `./${name}`);
      if (module) files.set(module.path, module);
    }
  }
  return [...files.values()];
}

/** The value a provider object gives: what its factory returns, its value, an instance of its class, or another token's. */
function providedBy(resolver: Resolver, file: SourceFile, provider: ObjectExpression): Value | undefined {
  const given = (key: string) => objectProperty(provider, key)?.value;
  const value = given("useValue");
  if (value) return resolver.resolveValue({ file, node: value });
  const cls = given("useClass");
  if (cls) return resolver.resolveValue({ file, node: cls });
  const factory = given("useFactory");
  const fn = factory ? resolver.resolveValue({ file, node: factory }) : undefined;
  const node = fn?.kind === "node" ? unwrapExpression(fn.ref.node) : undefined;
  if (!node || !isFunctionNode(node) || fn?.kind !== "node") return undefined;
  for (const returned of returnedExpressions(node)) {
    const made = resolver.resolveValue({ file: fn.ref.file, node: returned });
    if (made.kind !== "unknown") return made;
  }
  return undefined;
}

/** What is injected for a parameter marked `@Inject(TOKEN)`, when a provider for the token is found. */
export function injectedValue(resolver: Resolver, binding: Extract<Binding, { kind: "param" }>): Value | undefined {
  const token = injectToken(binding.file, binding);
  const key = token ? tokenKey(resolver, binding.file, token) : undefined;
  if (!token || key === undefined) return undefined;
  for (const file of providerFiles(resolver, binding.file, token)) {
    for (const object of file.nodesOfType("ObjectExpression")) {
      const provide = objectProperty(object, "provide");
      if (!provide || tokenKey(resolver, file, provide.value) !== key) continue;
      const provided = providedBy(resolver, file, object);
      if (provided) return provided;
    }
  }
  return undefined;
}
