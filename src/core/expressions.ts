// Reading expressions as written: through type assertions and parentheses, static member names, object literal keys.
import type { Node, ObjectExpression, ObjectProperty } from "@babel/types";
import { propertyKeyName } from "./scope.js";

/** Nodes that only wrap an expression for the type checker or the reader. */
export function unwrapExpression(node: Node): Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case "ParenthesizedExpression":
      case "TSAsExpression":
      case "TSSatisfiesExpression":
      case "TSNonNullExpression":
      case "TSTypeAssertion":
      case "TypeCastExpression":
        current = current.expression;
        continue;
      default:
        return current;
    }
  }
}

/** A member expression's property name when it is static (`a.b`, `a["b"]`). */
export function memberName(node: Node): string | undefined {
  if (node.type !== "MemberExpression" && node.type !== "OptionalMemberExpression") return undefined;
  if (!node.computed && node.property.type === "Identifier") return node.property.name;
  if (node.property.type === "PrivateName") return `#${node.property.id.name}`;
  if (node.computed && node.property.type === "StringLiteral") return node.property.value;
  return undefined;
}

export function isMember(node: Node): node is Extract<Node, { type: "MemberExpression" | "OptionalMemberExpression" }> {
  return node.type === "MemberExpression" || node.type === "OptionalMemberExpression";
}

/** The property of an object literal with this key (the last one wins, as at run time). */
export function objectProperty(object: ObjectExpression, key: string): ObjectProperty | undefined {
  let found: ObjectProperty | undefined;
  for (const property of object.properties) {
    if (property.type === "ObjectProperty" && !property.computed && propertyKeyName(property.key) === key) found = property;
    if (property.type === "ObjectProperty" && property.computed && property.key.type === "StringLiteral" && property.key.value === key) found = property;
  }
  return found;
}

/** A piece of a string that cannot be known statically. */
export const HOLE = "\u0000";
