// Types written in the source, read without a type checker: what an expression is declared or asserted as
// (`const e = (await req.json()) as SupportEvent`, `(team: Team) =>`), and the type of a property of such a type,
// looked up in the file's own interfaces, type aliases and object types.
import type { MemberExpression, Node, OptionalMemberExpression, TSPropertySignature, TSType, TSTypeElement } from "@babel/types";
import { propertyKeyName, resolveBinding, type Binding } from "./scope.js";
import type { SourceFile } from "./source.js";

/** How many named types deep a lookup goes (an alias of an alias of an interface). */
const NAMED_DEPTH = 8;

/** The type an expression is declared as: an assertion around it, or its name's annotation or asserted initialiser. */
export function declaredType(file: SourceFile, node: Node, depth = 0): TSType | undefined {
  if (depth > NAMED_DEPTH) return undefined;
  switch (node.type) {
    case "TSAsExpression":
    case "TSSatisfiesExpression":
    case "TSTypeAssertion":
      return node.typeAnnotation;
    case "ParenthesizedExpression":
    case "TSNonNullExpression":
      return declaredType(file, node.expression, depth + 1);
    case "AwaitExpression":
      return undefined;
    case "Identifier": {
      const binding = resolveBinding(file, node);
      if (binding?.kind === "param" && binding.path.length === 0) return binding.annotation;
      if (binding?.kind !== "variable" || binding.path.length > 0) return undefined;
      const id = binding.declarator.id;
      if (id.type === "Identifier" && id.typeAnnotation?.type === "TSTypeAnnotation") return id.typeAnnotation.typeAnnotation;
      return binding.declarator.init ? declaredType(binding.file, binding.declarator.init, depth + 1) : undefined;
    }
    case "MemberExpression":
    case "OptionalMemberExpression":
      return declaredSignature(file, node, depth)?.typeAnnotation?.typeAnnotation;
    default:
      return undefined;
  }
}

/** The declaration of the property a member read names (`event.teamId`), when the file declares its object's type. */
function declaredSignature(file: SourceFile, node: MemberExpression | OptionalMemberExpression, depth = 0): TSPropertySignature | undefined {
  if (node.computed && node.property.type !== "StringLiteral") return undefined;
  const name = node.property.type === "Identifier" ? node.property.name : node.property.type === "StringLiteral" ? node.property.value : undefined;
  const owner = declaredType(file, node.object, depth + 1);
  return owner && name !== undefined ? memberSignature(file, owner, name, depth + 1) : undefined;
}

/** The declared type of a name destructured from a typed parameter: `intercom` in `({ intercom }: Deps) =>`. */
export function declaredParamType(binding: Extract<Binding, { kind: "param" }>): TSType | undefined {
  let pattern: Node | undefined = binding.fn.params[binding.index];
  if (pattern?.type === "AssignmentPattern") pattern = pattern.left;
  if (!pattern || !("typeAnnotation" in pattern) || pattern.typeAnnotation?.type !== "TSTypeAnnotation") return undefined;
  let type: TSType | undefined = pattern.typeAnnotation.typeAnnotation;
  for (const step of binding.path) type = type && typeof step === "string" ? memberType(binding.file, type, step) : undefined;
  return type;
}

/** The declared type of a property of a type: its members, or an interface's or alias's in this file. */
export function memberType(file: SourceFile, type: TSType, name: string, depth = 0): TSType | undefined {
  return memberSignature(file, type, name, depth)?.typeAnnotation?.typeAnnotation;
}

/** The declaration of a property of a type (`name?: T` says whether it is optional). */
function memberSignature(file: SourceFile, type: TSType, name: string, depth = 0): TSPropertySignature | undefined {
  if (depth > NAMED_DEPTH) return undefined;
  switch (type.type) {
    case "TSTypeLiteral":
      return fromMembers(type.members, name);
    case "TSParenthesizedType":
      return memberSignature(file, type.typeAnnotation, name, depth + 1);
    case "TSTypeReference": {
      if (type.typeName.type !== "Identifier") return undefined;
      const typeName = type.typeName.name;
      for (const declaration of file.nodesOfType("TSInterfaceDeclaration")) {
        if (declaration.id.name === typeName) return fromMembers(declaration.body.body, name);
      }
      for (const alias of file.nodesOfType("TSTypeAliasDeclaration")) {
        if (alias.id.name === typeName && !alias.typeParameters) return memberSignature(file, alias.typeAnnotation, name, depth + 1);
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function fromMembers(members: readonly TSTypeElement[], name: string): TSPropertySignature | undefined {
  for (const member of members) {
    if (member.type === "TSPropertySignature" && !member.computed && propertyKeyName(member.key) === name) return member;
  }
  return undefined;
}

/** Whether a type annotation lets the value be `undefined` or `null` (`T | undefined`, `T | null`). */
export function allowsNullish(type: TSType): boolean {
  if (type.type === "TSParenthesizedType") return allowsNullish(type.typeAnnotation);
  if (type.type !== "TSUnionType") return type.type === "TSUndefinedKeyword" || type.type === "TSNullKeyword" || type.type === "TSVoidKeyword";
  return type.types.some(allowsNullish);
}

/**
 * Whether the declarations in this file let a member read be unset: an optional property (`assigneeId?: number`) or
 * one typed with `undefined` or `null`.
 */
export function declaredUnset(file: SourceFile, node: Node): boolean {
  if (node.type !== "MemberExpression" && node.type !== "OptionalMemberExpression") return false;
  const signature = declaredSignature(file, node);
  const annotation = signature?.typeAnnotation?.typeAnnotation;
  return !!signature && (!!signature.optional || (annotation !== undefined && allowsNullish(annotation)));
}

/**
 * The names a type declares, when all of them are known: an object type, or an interface (without `extends`) or
 * alias of one in this file. Undefined for anything open (an index signature, an imported or extended type).
 */
export function declaredMemberNames(file: SourceFile, type: TSType, depth = 0): string[] | undefined {
  if (depth > NAMED_DEPTH) return undefined;
  const names = (members: readonly TSTypeElement[]) => {
    const found: string[] = [];
    for (const member of members) {
      const name = member.type === "TSPropertySignature" && !member.computed ? propertyKeyName(member.key) : undefined;
      if (name === undefined) return undefined;
      found.push(name);
    }
    return found;
  };
  switch (type.type) {
    case "TSTypeLiteral":
      return names(type.members);
    case "TSParenthesizedType":
      return declaredMemberNames(file, type.typeAnnotation, depth + 1);
    case "TSTypeReference": {
      if (type.typeName.type !== "Identifier" || type.typeParameters) return undefined;
      const typeName = type.typeName.name;
      const interfaces = file.nodesOfType("TSInterfaceDeclaration").filter((declaration) => declaration.id.name === typeName);
      const aliases = file.nodesOfType("TSTypeAliasDeclaration").filter((alias) => alias.id.name === typeName && !alias.typeParameters);
      if (interfaces.length + aliases.length !== 1) return undefined;
      if (interfaces[0]) return interfaces[0].extends?.length ? undefined : names(interfaces[0].body.body);
      return declaredMemberNames(file, aliases[0].typeAnnotation, depth + 1);
    }
    default:
      return undefined;
  }
}
