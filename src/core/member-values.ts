// Members of values that are not object literals but are read like them: an enum's members, a frozen object's.
import type { Node } from "@babel/types";
import { isMember, memberName } from "./expressions.js";
import type { PatternStep } from "./scope.js";
import type { Ref, Resolver, Value } from "./values.js";

/** `Path.Messages` of `enum Path { Messages = "/messages" }`; `ROUTES.ticket` of `Object.freeze({ ticket: … })`. */
export function declaredMember(resolver: Resolver, ref: Ref, node: Node, name: PatternStep, depth: number): Value | undefined {
  if (typeof name !== "string") return undefined;
  if (node.type === "TSEnumDeclaration") {
    const member = node.members.find((m) => (m.id.type === "Identifier" ? m.id.name : m.id.value) === name);
    return member?.initializer ? resolver.resolveValue({ ...ref, node: member.initializer }, depth + 1) : { kind: "unknown" };
  }
  const [arg] = node.type === "CallExpression" ? node.arguments : [];
  if (
    node.type === "CallExpression" &&
    isMember(node.callee) &&
    node.callee.object.type === "Identifier" &&
    node.callee.object.name === "Object" &&
    ["freeze", "seal"].includes(memberName(node.callee) ?? "") &&
    arg &&
    arg.type !== "SpreadElement" &&
    arg.type !== "ArgumentPlaceholder"
  ) {
    return resolver.memberOf(resolver.resolveValue({ ...ref, node: arg }, depth + 1), name, depth + 1);
  }
  return undefined;
}
