// assignment-limit-metadata: activity-log `metadata.assignment_limit`, which 2.14 splits into conversation and ticket limits.
import type { Node } from "@babel/types";
import {
  FOLLOW_DEPTH,
  defineMeta,
  dottedName,
  isMember,
  isSideEffectFree,
  memberName,
  needsParentheses,
  propertyKeyName,
  resolveBinding,
  unwrapExpression,
  type Rule,
  type RuleContext,
  type SourceFile,
} from "../src/rule-api.js";

/** A review message: the name is gone, and this use of it cannot be rewritten. */
const cannotRewrite = (what: string) =>
  `Activity-log metadata has no \`assignment_limit\` in API 2.14 (now \`conversation_assignment_limit\` / \`ticket_assignment_limit\`); ${what}.`;

const meta = defineMeta({
  id: "assignment-limit-metadata",
  severity: "error",
  description: "Activity-log metadata `assignment_limit` is replaced by `conversation_assignment_limit` / `ticket_assignment_limit` in 2.14.",
  fixable: true,
  messages: {
    read: "Activity-log metadata has no `assignment_limit` in API 2.14: it is reported as `conversation_assignment_limit` or `ticket_assignment_limit`.",
    write: cannotRewrite("this writes it"),
    computedObject: cannotRewrite("the object is computed by a call, so it cannot be read twice safely"),
    destructure: cannotRewrite("destructuring cannot read both new names into one"),
    typeMember: cannotRewrite("a type declares it"),
    typedRead: cannotRewrite("its type, declared here in the 2.13 shape, has neither new name, so the rewritten read would not compile"),
    literal: cannotRewrite("this object describes metadata in the 2.13 shape"),
  },
  fixTitles: {
    read: "Read `conversation_assignment_limit ?? ticket_assignment_limit`",
  },
  fixesDone: {
    read: "Replaced the `assignment_limit` read with `conversation_assignment_limit ?? ticket_assignment_limit`.",
  },
});

type MessageId = keyof typeof meta.messages;
type Context = RuleContext<MessageId>;

/** What a person does about each use the tool cannot rewrite. */
const ACTIONS = {
  write: "Write `conversation_assignment_limit` and/or `ticket_assignment_limit` instead.",
  destructure:
    "Destructure `conversation_assignment_limit` and `ticket_assignment_limit` and use `conversation_assignment_limit ?? ticket_assignment_limit` (or the one you need).",
  computedObject: "Store the metadata in a variable, then read `conversation_assignment_limit ?? ticket_assignment_limit` from it.",
  typeMember:
    "Declare `conversation_assignment_limit?: number` and `ticket_assignment_limit?: number` instead (as intercom-client 7's ActivityLogMetadata does).",
  literal: "Use `conversation_assignment_limit` / `ticket_assignment_limit`, as API 2.14 reports them.",
  typedRead:
    "Declare `conversation_assignment_limit?: number` and `ticket_assignment_limit?: number` in the object's type, then read `conversation_assignment_limit ?? ticket_assignment_limit` (the next `fix` does it).",
} as const satisfies Partial<Record<MessageId, string>>;

const OLD = "assignment_limit";

const METADATA_TYPE = /(^|\.)ActivityLogMetadata$/;

/** Type syntax between a member and the type that declares it: `metadata: Array<{ assignment_limit: number } & X>`. */
const TYPE_PASS_THROUGH = new Set([
  "TSInterfaceBody",
  "TSTypeLiteral",
  "TSIntersectionType",
  "TSUnionType",
  "TSParenthesizedType",
  "TSTypeAnnotation",
  "TSArrayType",
  "TSTypeReference",
  "TSTypeParameterInstantiation",
]);

/** Is this expression activity-log metadata: `x.metadata`, a `metadata` name, or typed ActivityLogMetadata? */
function isMetadata(context: Context, file: SourceFile, node: Node, depth = 0): boolean {
  // Type-aware mode: the SDK's ActivityLogMetadata is metadata wherever it is; another SDK type (a team) never is.
  const facts = context.typeFacts({ file, node });
  if (facts?.sdkType) return facts.sdkType === "ActivityLogMetadata";
  // The project's own named type that is not an activity log's (`metadata: TeamSettings`): the name alone is no evidence.
  if (facts?.known && facts.declaredName && !/activity|log|event|audit/i.test(facts.declaredName)) return false;
  const inner = unwrapExpression(node);
  if (isMember(inner)) return memberName(inner) === "metadata";
  // `log.metadata || {}`, `log.metadata ?? {}`: the metadata, or an empty stand-in for it.
  if (inner.type === "LogicalExpression" && (inner.operator === "||" || inner.operator === "??") && unwrapExpression(inner.right).type === "ObjectExpression") {
    return depth <= FOLLOW_DEPTH && isMetadata(context, file, inner.left, depth + 1);
  }
  if (inner.type !== "Identifier" || depth > FOLLOW_DEPTH) return false;
  if (inner.name === "metadata") return true;
  const binding = resolveBinding(file, inner);
  if (!binding) return false;
  if (binding.kind === "param" && binding.annotation?.type === "TSTypeReference") {
    return METADATA_TYPE.test(dottedName(binding.annotation.typeName) ?? "");
  }
  if (binding.kind === "variable") {
    const id = binding.declarator.id;
    if (id.type === "Identifier" && id.typeAnnotation?.type === "TSTypeAnnotation" && id.typeAnnotation.typeAnnotation.type === "TSTypeReference") {
      if (METADATA_TYPE.test(dottedName(id.typeAnnotation.typeAnnotation.typeName) ?? "")) return true;
    }
    if (binding.path.length === 0 && binding.declarator.init && binding.declKind === "const") {
      return isMetadata(context, file, binding.declarator.init, depth + 1);
    }
    if (binding.path.length === 1 && binding.path[0] === "metadata") return true;
  }
  return false;
}

function hasCall(node: Node): boolean {
  const inner = unwrapExpression(node);
  if (inner.type === "CallExpression" || inner.type === "OptionalCallExpression" || inner.type === "NewExpression") return true;
  return isMember(inner) ? hasCall(inner.object) : false;
}

function checkMember(context: Context, member: Node & { type: "MemberExpression" | "OptionalMemberExpression" }, typedHere: boolean): void {
  const { file } = context;
  const parent = file.parent(member);
  const review = (messageId: keyof typeof ACTIONS) => context.report({ node: member, messageId, action: ACTIONS[messageId] });
  const written =
    (parent?.type === "AssignmentExpression" && parent.left === member) ||
    parent?.type === "UpdateExpression" ||
    (parent?.type === "UnaryExpression" && parent.operator === "delete");
  if (written) return review("write");
  if (hasCall(member.object) || !isSideEffectFree(member.object)) return review("computedObject");
  // TypeScript checks the new names against the type the object is declared with: both must be there to read them.
  if (/\.[cm]?tsx?$/.test(file.path)) {
    const declared = context.declaresMember({ file, node: member.object }, "conversation_assignment_limit");
    if (declared === false || (declared === undefined && typedHere)) return review("typedRead");
  }
  const owner = file.sourceOf(member.object);
  const optional = member.type === "OptionalMemberExpression" && member.optional ? "?." : ".";
  const access = (name: string) =>
    member.computed
      ? `${owner}${member.optional ? "?." : ""}[${file.text[member.property.start!]}${name}${file.text[member.property.start!]}]`
      : `${owner}${optional}${name}`;
  // The read as written (its comments kept) with the first new name, then a plain read of the second.
  const property = member.property;
  const quote = member.computed ? file.text[property.start!] : "";
  const asWritten =
    file.text.slice(member.start!, property.start!) + quote + "conversation_assignment_limit" + quote + file.text.slice(property.end!, member.end!);
  let text = `${asWritten} ?? ${access("ticket_assignment_limit")}`;
  if (needsParentheses(file, member, "??")) text = `(${text})`;
  context.report({ node: member, messageId: "read", edits: [{ start: member.start!, end: member.end!, text }] });
}

/** `{ metadata: { assignment_limit } }` patterns and `const { assignment_limit } = log.metadata`. */
function checkPattern(context: Context, property: Node & { type: "ObjectProperty" }): void {
  const { file } = context;
  const pattern = file.parent(property);
  if (pattern?.type !== "ObjectPattern") return;
  const holder = file.parent(pattern);
  const fromMetadata =
    (holder?.type === "VariableDeclarator" && holder.id === pattern && holder.init && isMetadata(context, file, holder.init)) ||
    (holder?.type === "AssignmentExpression" && holder.left === pattern && isMetadata(context, file, holder.right)) ||
    (holder?.type === "ObjectProperty" && propertyKeyName(holder.key) === "metadata");
  if (fromMetadata) context.report({ node: property, messageId: "destructure", action: ACTIONS.destructure });
}

/** Type members named `assignment_limit` inside a metadata type (an interface, alias or `metadata:` member, through `&`, `|`). */
function isMetadataTypeMember(file: SourceFile, member: Node & { type: "TSPropertySignature" }): boolean {
  let ownerName: string | undefined;
  for (const node of file.ancestors(member)) {
    if (node.type === "TSInterfaceDeclaration" || node.type === "TSTypeAliasDeclaration") {
      ownerName = node.id.name;
      break;
    }
    if (node.type === "TSPropertySignature") {
      ownerName = propertyKeyName(node.key);
      break;
    }
    if (!TYPE_PASS_THROUGH.has(node.type)) return false;
  }
  return !!ownerName && /metadata/i.test(ownerName);
}

/** Is the type member in an object type that is all of its type: an interface without `extends`, or a literal not joined with `&` / `|`? */
function inClosedOldType(file: SourceFile, member: Node): boolean {
  const owner = file.parent(member);
  if (owner?.type === "TSInterfaceBody") {
    const declaration = file.parent(owner);
    return declaration?.type === "TSInterfaceDeclaration" && !declaration.extends?.length;
  }
  const holder = owner?.type === "TSTypeLiteral" ? file.parent(owner) : undefined;
  return holder?.type === "TSTypeAnnotation" || holder?.type === "TSTypeAliasDeclaration";
}

/** An object literal that spells metadata in the 2.13 shape (a fixture, a mock response). */
function checkLiteral(context: Context, property: Node & { type: "ObjectProperty" }): void {
  const { file } = context;
  const object = file.parent(property);
  const holder = object ? file.parent(object) : undefined;
  if (object?.type === "ObjectExpression" && holder?.type === "ObjectProperty" && holder.value === object && propertyKeyName(holder.key) === "metadata") {
    context.report({ node: property, messageId: "literal", action: ACTIONS.literal });
  }
}

export const assignmentLimitMetadata: Rule<MessageId> = {
  meta,
  needles: ["ssignment"],
  mayMatch: (text) => text.includes(OLD),
  check(context) {
    const { file } = context;
    const oldTypeMembers = file
      .nodesOfType("TSPropertySignature")
      .filter((member) => !member.computed && propertyKeyName(member.key) === OLD && isMetadataTypeMember(file, member));
    // This file types metadata in the 2.13 shape, closed (no intersection or union with a type that may bring the new
    // names): its reads are likely typed by it, and the checker would reject the new names there.
    const typedHere =
      oldTypeMembers.some((member) => inClosedOldType(file, member)) &&
      !file.nodesOfType("TSPropertySignature").some((member) => !member.computed && propertyKeyName(member.key) === "conversation_assignment_limit");
    for (const member of file.nodesOfType("MemberExpression", "OptionalMemberExpression")) {
      if (memberName(member) === OLD && isMetadata(context, file, member.object)) checkMember(context, member, typedHere);
    }
    for (const property of file.nodesOfType("ObjectProperty")) {
      if (property.computed || propertyKeyName(property.key) !== OLD) continue;
      checkPattern(context, property);
      checkLiteral(context, property);
    }
    for (const member of oldTypeMembers) context.report({ node: member, messageId: "typeMember", action: ACTIONS.typeMember });
  },
};
