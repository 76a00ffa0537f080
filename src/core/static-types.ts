// What type an expression has, as far as syntax (and the type oracle, when present) says: number, string, array, object.
import type { Function as FunctionNode, TSType } from "@babel/types";
import { isMember, memberName, unwrapExpression } from "./expressions.js";
import { allowsNullish, declaredType, declaredUnset } from "./declared-types.js";
import { resolveBinding } from "./scope.js";
import type { SourceFile } from "./source.js";
import type { Env, Ref, Resolver, StaticType } from "./values.js";

/** What syntax (and the type oracle, when present) says about an expression's type (Resolver.staticType). */
export function staticTypeOf(resolver: Resolver, ref: Ref, depth = 0): StaticType {
  if (depth > 16) return "unknown";
  const node = unwrapExpression(ref.node);
  const oracle = resolver.project.typeOracleFor(ref.file)?.typeOf(ref.file, node.start!, node.end!);
  if (oracle) return oracle;
  if ((ref.node.type === "TSAsExpression" || ref.node.type === "TSSatisfiesExpression") && ref.node.expression === node) {
    const fromAnnotation = typeOfAnnotation(ref.node.typeAnnotation, ref.file);
    if (fromAnnotation !== "unknown") return fromAnnotation;
  }
  switch (node.type) {
    case "NumericLiteral":
    case "BigIntLiteral":
      return "number";
    case "StringLiteral":
    case "TemplateLiteral":
      return "string";
    case "ArrayExpression":
      return "array";
    case "ObjectExpression":
      return "object";
    case "UnaryExpression":
      if (node.operator === "-" || node.operator === "+" || node.operator === "~") return "number";
      if (node.operator === "typeof") return "string";
      return "unknown";
    case "UpdateExpression":
      return "number";
    case "BinaryExpression": {
      if (["-", "*", "/", "%", "**", "|", "&", "^", "<<", ">>", ">>>"].includes(node.operator)) return "number";
      if (node.operator !== "+") return "unknown";
      const left = resolver.staticType({ ...ref, node: node.left }, depth + 1);
      const right = resolver.staticType({ ...ref, node: node.right }, depth + 1);
      if (left === "string" || right === "string") return "string";
      return left === "number" && right === "number" ? "number" : "unknown";
    }
    case "CallExpression": {
      const callee = node.callee;
      if (callee.type === "Identifier" && !resolveBinding(ref.file, callee)) {
        if (["Number", "parseInt", "parseFloat"].includes(callee.name)) return "number";
        if (callee.name === "String") return "string";
      }
      if (isMember(callee)) {
        const method = memberName(callee);
        const object = callee.object;
        if (object.type === "Identifier" && object.name === "Math") return "number";
        if (object.type === "Identifier" && object.name === "Array" && (method === "from" || method === "of")) return "array";
        if (object.type === "Identifier" && object.name === "Date" && method === "now") return "number";
        if (["toString", "toFixed", "toUpperCase", "toLowerCase", "trim", "padStart", "join"].includes(method ?? "")) return "string";
        if (["map", "filter", "slice", "concat", "flatMap", "flat"].includes(method ?? "")) return "array";
        if (["getTime", "valueOf"].includes(method ?? "")) return "number";
      }
      return "unknown";
    }
    case "Identifier":
    case "MemberExpression":
    case "OptionalMemberExpression": {
      if (node.type === "Identifier") {
        const binding = resolveBinding(ref.file, node);
        if (binding?.kind === "variable" && binding.path.length === 0) {
          const id = binding.declarator.id;
          if (id.type === "Identifier" && id.typeAnnotation?.type === "TSTypeAnnotation") {
            const annotated = typeOfAnnotation(id.typeAnnotation.typeAnnotation, ref.file);
            if (annotated !== "unknown") return annotated;
          }
        }
        if (binding?.kind === "param" && binding.annotation && !envHas(ref.env, binding.fn)) return typeOfAnnotation(binding.annotation, binding.file);
      }
      const value = resolver.resolveValue({ ...ref, node }, depth + 1);
      if (value.kind === "node" && value.ref.node !== node) return resolver.staticType(value.ref, depth + 1);
      if (value.kind === "param" && value.binding.annotation) return typeOfAnnotation(value.binding.annotation, value.binding.file);
      // `event.teamId` where `event` is declared (or asserted) as a type of this file: the property's declared type.
      const declared = isMember(node) ? declaredType(ref.file, node) : undefined;
      return declared ? typeOfAnnotation(declared, ref.file) : "unknown";
    }
    default:
      return "unknown";
  }
}

/**
 * Whether an expression may be unset (`undefined` or `null`) when it is sent: the type checker says its type
 * includes them, or the source says so — `a?.b`, an optional parameter or property (`assigneeId?: number`), an
 * annotation with `| undefined` / `| null`. `x!` is taken at its word.
 */
export function mayBeUnsetOf(resolver: Resolver, ref: Ref): boolean {
  if (ref.node.type === "TSNonNullExpression") return false;
  const node = unwrapExpression(ref.node);
  if (resolver.project.typeOracleFor(ref.file)?.facts(ref.file, node.start!, node.end!)?.nullable) return true;
  if (node.type === "OptionalMemberExpression") return true;
  if (node.type === "Identifier") {
    const binding = resolveBinding(ref.file, node);
    if (binding?.kind === "param" && binding.path.length === 0) {
      const param = binding.fn.params[binding.index];
      return (param?.type === "Identifier" && !!param.optional) || (!!binding.annotation && allowsNullish(binding.annotation));
    }
    if (binding?.kind === "variable" && binding.path.length === 0) {
      const id = binding.declarator.id;
      return id.type === "Identifier" && id.typeAnnotation?.type === "TSTypeAnnotation" && allowsNullish(id.typeAnnotation.typeAnnotation);
    }
    return false;
  }
  return declaredUnset(ref.file, node);
}

function envHas(env: Env | undefined, fn: FunctionNode): boolean {
  for (let frame = env; frame; frame = frame.parent) if (frame.fn === fn) return true;
  return false;
}

/** What a type annotation says; a named type is looked up in the file (an interface is an object, an alias is its type). */
export function typeOfAnnotation(type: TSType, file?: SourceFile, depth = 0): StaticType {
  const of = (inner: TSType) => typeOfAnnotation(inner, file, depth + 1);
  switch (type.type) {
    case "TSNumberKeyword":
    case "TSBigIntKeyword":
      return "number";
    case "TSStringKeyword":
      return "string";
    case "TSArrayType":
    case "TSTupleType":
      return "array";
    case "TSTypeLiteral":
      return "object";
    case "TSLiteralType":
      if (type.literal.type === "NumericLiteral") return "number";
      if (type.literal.type === "StringLiteral" || type.literal.type === "TemplateLiteral") return "string";
      return "unknown";
    case "TSTypeReference":
      if (type.typeName.type !== "Identifier") return "unknown";
      if (["Array", "ReadonlyArray"].includes(type.typeName.name)) return "array";
      return file && depth < 8 ? namedType(file, type.typeName.name, depth) : "unknown";
    case "TSTypeOperator":
      return type.operator === "readonly" ? of(type.typeAnnotation) : "unknown";
    case "TSParenthesizedType":
      return of(type.typeAnnotation);
    case "TSUnionType": {
      // `number | undefined` is a number when it is set, as the type checker says (see mayBeUnsetOf for the rest).
      const set = type.types.filter((member) => !allowsNullish(member));
      const types = new Set((set.length > 0 ? set : type.types).map(of));
      return types.size === 1 ? [...types][0] : "unknown";
    }
    default:
      return "unknown";
  }
}

/** A type declared in the file by this name: an interface (not extending an array) is an object; an alias, its type. */
function namedType(file: SourceFile, name: string, depth: number): StaticType {
  for (const declaration of file.nodesOfType("TSInterfaceDeclaration")) {
    if (declaration.id.name !== name) continue;
    const extendsArray = (declaration.extends ?? []).some((heritage) => heritage.expression.type === "Identifier" && /Array$/.test(heritage.expression.name));
    return extendsArray ? "unknown" : "object";
  }
  for (const alias of file.nodesOfType("TSTypeAliasDeclaration")) {
    if (alias.id.name === name && !alias.typeParameters) return typeOfAnnotation(alias.typeAnnotation, file, depth + 1);
  }
  return "unknown";
}
