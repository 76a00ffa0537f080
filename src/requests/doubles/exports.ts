// Whether an expression is a given package's export: `nock`, `msw`'s `http`, axios-mock-adapter's class.
import type { Ref, Resolver } from "../../core/values.js";

/** Does the expression resolve to this package's export? `paths`: accepted member paths, dotted (`""` is the module itself). */
export function isExport(resolver: Resolver, ref: Ref, module: string, paths: readonly string[]): boolean {
  const value = resolver.resolveValue(ref);
  return value.kind === "external" && value.module === module && paths.includes(value.path.join("."));
}
