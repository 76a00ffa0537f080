// Assertions in tests (jest, vitest, bun, chai, node:assert): `expect(subject).matcher(args)` and equality comparisons.
import type { CallExpression } from "@babel/types";
import type { SourceFile } from "../../core/source.js";
import { isMember, memberName, unwrapExpression, type Ref, type Resolver } from "../../core/values.js";

/** Where the test runners' globals come from (unbound names are globals). */
const RUNNER_MODULES = new Set(["<global>", "vitest", "@jest/globals", "bun:test"]);
const ASSERT_MODULES = new Set(["assert", "node:assert", "assert/strict", "node:assert/strict"]);
/** Matchers that name the arguments a mock was called with. */
export const CALLED_WITH = new Set([
  "toHaveBeenCalledWith",
  "toHaveBeenLastCalledWith",
  "toHaveBeenNthCalledWith",
  "toHaveBeenCalledExactlyOnceWith",
  "toBeCalledWith",
  "lastCalledWith",
  "nthCalledWith",
]);
/** Of those, the ones whose first argument is the call's number. */
export const NTH_CALLED_WITH = new Set(["toHaveBeenNthCalledWith", "nthCalledWith"]);
/** Equality matchers (jest/vitest, chai) and the one that compares a part. */
const EQUALITY = new Set(["toBe", "toEqual", "toStrictEqual", "toMatchObject", "equal", "equals", "eq", "eql", "eqls"]);
const ASSERT_EQUALITY = new Set(["equal", "strictEqual", "deepEqual", "deepStrictEqual", "equals"]);
/** Words of an assertion chain between `expect(x)` and the matcher (`.not`, chai's `.to.deep`). */
const CHAIN_WORDS = new Set(["not", "to", "be", "been", "is", "that", "which", "and", "has", "have", "with", "deep", "strict"]);

/** The name of a test API: a runner's `expect`, `vi`, `jest`, or an `assert`. */
export type TestApi = "expect" | "vi" | "jest" | "assert";

/** `expect(subject)[.not…].matcher(args)`. */
export interface Expectation {
  subject: Ref;
  matcher: string;
  args: Ref[];
  negated: boolean;
}

/** An equality assertion: `expect(actual).toEqual(expected)`, `assert.deepEqual(actual, expected)`. */
export interface Comparison {
  call: CallExpression;
  actual: Ref;
  expected: Ref;
  /** `toMatchObject`: the expected value names part of the actual one. */
  partial: boolean;
  matcher: string;
}

export class Expectations {
  private readonly comparisonCache = new WeakMap<SourceFile, Comparison[]>();

  constructor(private readonly resolver: Resolver) {}

  /** `vi`, `jest`, `expect`, `assert`: a test runner's or an assertion library's global or import. */
  testApi(ref: Ref): TestApi | undefined {
    const node = unwrapExpression(ref.node);
    if (node.type !== "Identifier") return undefined;
    const value = this.resolver.resolveValue({ ...ref, node });
    if (value.kind !== "external") return undefined;
    const { module, path } = value;
    if ((RUNNER_MODULES.has(module) || module === "chai") && path.length === 1 && isTestApi(path[0])) return path[0];
    if (module === "expect" && path.length <= 1 && (path.length === 0 || path[0] === "default" || path[0] === "expect")) return "expect";
    if (ASSERT_MODULES.has(module) && (path.length === 0 || (path.length === 1 && (path[0] === "strict" || path[0] === "default")))) return "assert";
    return undefined;
  }

  /** `expect(subject)[.not…].matcher(args)`. */
  expectation(file: SourceFile, call: CallExpression): Expectation | undefined {
    const callee = unwrapExpression(call.callee);
    if (!isMember(callee)) return undefined;
    const matcher = memberName(callee);
    if (matcher === undefined) return undefined;
    let object = unwrapExpression(callee.object);
    let negated = false;
    while (isMember(object)) {
      const word = memberName(object);
      if (word === undefined || !CHAIN_WORDS.has(word)) return undefined;
      if (word === "not") negated = !negated;
      object = unwrapExpression(object.object);
    }
    if (object.type !== "CallExpression" || !object.arguments[0] || object.arguments[0].type === "SpreadElement") return undefined;
    let expectCallee = unwrapExpression(object.callee);
    if (isMember(expectCallee) && memberName(expectCallee) === "soft") expectCallee = unwrapExpression(expectCallee.object);
    if (this.testApi({ file, node: expectCallee }) !== "expect") return undefined;
    return { subject: { file, node: object.arguments[0] }, matcher, args: call.arguments.map((arg) => ({ file, node: arg })), negated };
  }

  /** Equality assertions: `expect(a).toEqual(b)` (and the other equality matchers), `assert.equal(a, b)`. */
  comparisons(file: SourceFile): Comparison[] {
    let found = this.comparisonCache.get(file);
    if (found) return found;
    found = [];
    for (const call of file.nodesOfType("CallExpression")) {
      const expectation = this.expectation(file, call);
      if (expectation) {
        if (!expectation.negated && EQUALITY.has(expectation.matcher) && expectation.args[0] && expectation.args[0].node.type !== "SpreadElement") {
          found.push({
            call,
            actual: expectation.subject,
            expected: expectation.args[0],
            partial: expectation.matcher === "toMatchObject",
            matcher: expectation.matcher,
          });
        }
        continue;
      }
      const callee = unwrapExpression(call.callee);
      if (!isMember(callee) || !ASSERT_EQUALITY.has(memberName(callee) ?? "")) continue;
      if (this.testApi({ file, node: callee.object }) !== "assert") continue;
      const [actual, expected] = call.arguments;
      if (!actual || !expected || actual.type === "SpreadElement" || expected.type === "SpreadElement") continue;
      found.push({ call, actual: { file, node: actual }, expected: { file, node: expected }, partial: false, matcher: `assert.${memberName(callee) ?? ""}` });
    }
    this.comparisonCache.set(file, found);
    return found;
  }
}

function isTestApi(name: string): name is TestApi {
  return name === "expect" || name === "vi" || name === "jest" || name === "assert";
}
