// The vocabulary of mock functions (vi.fn, jest.fn, spies): their chained methods, wrappers, and reading them.
import type { Identifier, Node } from "@babel/types";
import { isReference, resolveBinding, type Binding } from "../../core/scope.js";
import type { SourceFile } from "../../core/source.js";
import { isMember, memberName, unwrapExpression, type Ref } from "../../core/values.js";

/** Methods of a mock function that return the mock itself. */
export const MOCK_CHAIN = new Set([
  "mockResolvedValue",
  "mockResolvedValueOnce",
  "mockRejectedValue",
  "mockRejectedValueOnce",
  "mockReturnValue",
  "mockReturnValueOnce",
  "mockImplementation",
  "mockImplementationOnce",
  "mockName",
  "mockReturnThis",
  "mockClear",
  "mockReset",
]);
export const MOCK_RETURNS = new Set(["mockResolvedValue", "mockResolvedValueOnce", "mockReturnValue", "mockReturnValueOnce"]);
export const MOCK_IMPLEMENTATIONS = new Set(["mockImplementation", "mockImplementationOnce"]);
/** `vi.mock(specifier, factory)` and its kin. */
export const MODULE_MOCKS = new Set(["mock", "doMock", "unstable_mockModule"]);

/** Strip `vi.mocked(x)`, `jest.mocked(x)`, casts (`x as jest.Mock`) and parentheses. */
export function withoutMockWrappers(node: Node): Node {
  let current = unwrapExpression(node);
  for (let i = 0; i < 8; i++) {
    if (current.type === "CallExpression" && current.arguments.length >= 1 && current.arguments[0].type !== "SpreadElement") {
      const callee = unwrapExpression(current.callee);
      const wrapper = isMember(callee) ? memberName(callee) : callee.type === "Identifier" ? callee.name : undefined;
      if (wrapper === "mocked") {
        current = unwrapExpression(current.arguments[0]);
        continue;
      }
    }
    break;
  }
  return current;
}

/** `fetchMock`, `axios.put`: the dotted name of an expression, for messages. */
export function nameOf(node: Node): string | undefined {
  if (node.type === "Identifier") return node.name;
  if (isMember(node)) {
    const object = nameOf(unwrapExpression(node.object));
    const name = memberName(node);
    return object && name ? `${object}.${name}` : name;
  }
  return undefined;
}

/** `m.mock.calls[i][n]`, `m.mock.lastCall[n]`: the mock and the argument index. */
export function receivedArgument(ref: Ref): { mock: Ref; index: number } | undefined {
  const node = unwrapExpression(ref.node);
  if (!isMember(node) || !node.computed || node.property.type !== "NumericLiteral") return undefined;
  const index = node.property.value;
  let calls = unwrapExpression(node.object);
  if (isMember(calls) && calls.computed && calls.property.type === "NumericLiteral") calls = unwrapExpression(calls.object);
  else if (!(isMember(calls) && memberName(calls) === "lastCall")) return undefined;
  if (!isMember(calls) || !["calls", "lastCall"].includes(memberName(calls) ?? "")) return undefined;
  const mock = unwrapExpression(calls.object);
  if (!isMember(mock) || memberName(mock) !== "mock") return undefined;
  return { mock: { ...ref, node: mock.object }, index };
}

/** The outermost expression an object literal is written as (with its parentheses and casts). */
export function writtenExpression(file: SourceFile, node: Node): Node {
  let current = node;
  let parent = file.parent(current);
  while (parent && ["ParenthesizedExpression", "TSAsExpression", "TSSatisfiesExpression", "TSNonNullExpression", "TSTypeAssertion"].includes(parent.type)) {
    current = parent;
    parent = file.parent(current);
  }
  return current;
}

/** The references to a binding in its file. */
export function referencesOf(file: SourceFile, binding: Binding): Identifier[] {
  return file
    .identifiersNamed(binding.id.name)
    .filter((identifier) => identifier !== binding.id && isReference(file, identifier) && resolveBinding(file, identifier) === binding);
}
