// ticket-update-assignment: a ticket update that nests `assignment: { admin_id, assignee_id }`, which 2.14 removed.
import type { AssignmentExpression, ObjectExpression, ObjectProperty } from "@babel/types";
import {
  commentsIn,
  defineMeta,
  hasKey,
  isMember,
  isSideEffectFree,
  payloadProperties,
  propertyKeyName,
  skipTrivia,
  toInteger,
  toStringId,
  unwrapExpression,
  type Conversion,
  type Env,
  type MessageData,
  type Payload,
  type Rule,
  type RuleContext,
  type SourceFile,
  type TextEdit,
} from "../src/rule-api.js";

const meta = defineMeta({
  id: "ticket-update-assignment",
  severity: "error",
  description: "Ticket updates must send `admin_id` and `assignee_id` at the top level, not nested in `assignment` (removed in 2.14).",
  fixable: true,
  messages: {
    nested:
      "Ticket update nests `assignment: { admin_id, assignee_id }`, which API 2.14 rejects: `admin_id` (integer, the admin making the change) and `assignee_id` (string) now sit at the top level.",
    notLiteral: "Ticket update sends `assignment`, which API 2.14 rejects, and its value is not an object literal the tool can rewrite.",
    extraKeys: "Ticket update nests `assignment` with keys other than `admin_id` and `assignee_id`; API 2.14 rejects the nested object.",
    conflict: "Ticket update nests `assignment` and also sets `admin_id` or `assignee_id` at the top level; API 2.14 rejects the nested object.",
    adminIdNotInteger: "Ticket update nests `assignment` (rejected by API 2.14), and its `admin_id` cannot become an integer automatically: {{ problem }}.",
    assigneeIdNotString: "Ticket update nests `assignment` (rejected by API 2.14), and its `assignee_id` cannot become a string automatically: {{ problem }}.",
    write: "Ticket update sets `assignment` after building the payload; API 2.14 rejects the nested object.",
  },
  fixTitles: {
    nested: "Lift `assignment` to top-level `admin_id`/`assignee_id`",
  },
  fixesDone: {
    nested: "Lifted the ticket update's nested `assignment` to top-level `admin_id` (integer) and `assignee_id` (string).",
  },
});

type MessageId = keyof typeof meta.messages;
type Context = RuleContext<MessageId>;

/** Why a nested `assignment` cannot be lifted: the message to report. */
interface Problem {
  messageId: MessageId;
  data?: MessageData;
}

const LIFTED_KEYS = new Set(["admin_id", "assignee_id"]);

const ACTION =
  "Remove `assignment` and set top-level `admin_id` (integer id of the admin making the change) and `assignee_id` (string id of the admin or team assigned).";

/** Text of the lifted properties, or why they cannot be lifted. */
interface Lifted {
  /** The property as it will be written in an object literal. */
  property: string;
  /** Just the (converted) value. */
  value: string;
}

function liftProperties(
  context: Context,
  file: SourceFile,
  object: ObjectExpression,
  env: Env | undefined,
): { values: Map<string, Lifted> } | { problem: Problem } {
  const values = new Map<string, Lifted>();
  const extraKeys = { problem: { messageId: "extraKeys" } } as const;
  for (const property of object.properties) {
    if (property.type !== "ObjectProperty" || property.computed) return extraKeys;
    const key = propertyKeyName(property.key);
    if (!key || !LIFTED_KEYS.has(key) || values.has(key)) return extraKeys;
    const ref = { file, node: property.value, env };
    const conversion: Conversion = key === "admin_id" ? toInteger(context, ref) : toStringId(context, ref, file.quote);
    if ("problem" in conversion)
      return { problem: { messageId: key === "admin_id" ? "adminIdNotInteger" : "assigneeIdNotString", data: { problem: conversion.problem } } };
    // The property as written with only its value converted: comments and parentheses around the value stay.
    const asWritten = () => file.text.slice(property.start!, property.value.start!) + conversion.text + file.text.slice(property.value.end!, property.end!);
    const text = property.shorthand && !conversion.changed ? key : property.shorthand ? `${key}: ${conversion.text}` : asWritten();
    values.set(key, { property: text, value: conversion.text });
  }
  if (values.size === 0) return extraKeys;
  return { values };
}

/**
 * The lifted properties' text, laid out as the nested object was (one line, or one property a line), and where the
 * edit ends. Every comment stays: those before a property go with it, those between the key and the braces go first,
 * those after the last key go after the last lifted property (with the separator that follows, so a line comment
 * still ends its line).
 */
function liftedText(file: SourceFile, property: ObjectProperty, object: ObjectExpression, values: Map<string, Lifted>): { text: string; end: number } {
  const inner = file.text.slice(object.start! + 1, object.end! - 1);
  const last = object.properties[object.properties.length - 1];
  const multiline = /[\r\n]/.test(inner);
  const indent = file.indentAt(property.start!);
  const innerIndent = multiline ? file.indentAt(object.properties[0].start!) : indent;
  const parts: string[] = [];
  object.properties.forEach((child, index) => {
    const previousEnd = index === 0 ? object.start! + 1 : object.properties[index - 1].end!;
    // Keep comments written before a property; drop only the separator (wherever it is among them) and blank space.
    const between = withoutSeparator(file.text.slice(previousEnd, child.start!));
    const comments = between.trim() === "" ? "" : between.replace(/^\s+/, "");
    const key = propertyKeyName((child as ObjectProperty).key)!;
    let text = comments + values.get(key)!.property;
    if (multiline)
      text = text
        .split(/\r?\n/)
        .join(file.newline)
        .replaceAll(file.newline + innerIndent, file.newline + indent);
    parts.push(text);
  });
  // Comments between the key and the braces (`assignment: /* why */ {`) go before the first lifted property.
  const leading = commentsIn(file.text.slice(property.key.end!, object.start!));
  parts[0] = leading.map((comment) => comment + (comment.startsWith("//") ? file.newline + indent : " ")).join("") + parts[0];
  let text = parts.join(multiline ? "," + file.newline + indent : ", ");
  let end = property.end!;
  // Comments after the last key (inside the braces, or in parentheses around them) follow the last lifted property,
  // each on its own line where it was on its own line.
  const trailing = trailingComments(file.text.slice(last.end!, object.end! - 1) + file.text.slice(object.end!, property.end!));
  if (trailing.length === 0) return { text, end };
  const endsWithLineComment = trailing[trailing.length - 1].text.startsWith("//");
  if (endsWithLineComment) {
    // The separator after the property goes before the comment, so nothing that followed ends up commented out.
    const next = skipBlanks(file.text, end);
    if (file.text[next] === ",") {
      text += ",";
      end = next + 1;
    }
  }
  for (const comment of trailing) text += (comment.ownLine ? file.newline + indent : " ") + comment.text;
  // A line comment must end its line: code that followed on the same line moves to the next.
  const rest = skipBlanks(file.text, end);
  if (endsWithLineComment && rest < file.text.length && !/[\r\n]/.test(file.text[rest])) {
    const parent = file.parent(property);
    text += file.newline + (parent ? file.indentAt(parent.start!) : indent);
    end = rest;
  }
  return { text, end };
}

/** The comments in trivia, each with whether a line break comes before it (it stood on its own line). */
function trailingComments(trivia: string): Array<{ text: string; ownLine: boolean }> {
  const found: Array<{ text: string; ownLine: boolean }> = [];
  let previousEnd = 0;
  for (const text of commentsIn(trivia)) {
    const at = trivia.indexOf(text, previousEnd);
    found.push({ text, ownLine: /[\r\n]/.test(trivia.slice(previousEnd, at)) });
    previousEnd = at + text.length;
  }
  return found;
}

/** The offset of the first character after spaces and tabs (not line breaks). */
function skipBlanks(text: string, from: number): number {
  let at = from;
  while (at < text.length && (text[at] === " " || text[at] === "\t")) at++;
  return at;
}

/** The trivia between two properties without the comma that separates them (it may come after a comment). */
function withoutSeparator(trivia: string): string {
  const comma = skipTrivia(trivia, 0);
  return trivia[comma] === "," ? trivia.slice(0, comma) + trivia.slice(comma + 1) : trivia;
}

function hasTopLevel(payload: Payload, key: string): boolean {
  return payloadProperties(payload, key).length > 0 || payload.writes.some((write) => write.key === key);
}

function checkProperty(context: Context, payload: Payload, file: SourceFile, property: ObjectProperty, env: Env | undefined): void {
  const review = (problem: Problem) => context.report({ file, node: property, ...problem, action: ACTION });
  const value = unwrapExpression(property.value);
  if (value.type !== "ObjectExpression" || property.shorthand) return review({ messageId: "notLiteral" });
  if (hasTopLevel(payload, "admin_id") || hasTopLevel(payload, "assignee_id")) return review({ messageId: "conflict" });
  const lifted = liftProperties(context, file, value, env);
  if ("problem" in lifted) return review(lifted.problem);
  const { text, end } = liftedText(file, property, value, lifted.values);
  context.report({ file, node: property, messageId: "nested", edits: [{ start: property.start!, end, text }] });
}

function checkWrite(context: Context, payload: Payload, file: SourceFile, write: AssignmentExpression): void {
  const statement = file.parent(write);
  const value = unwrapExpression(write.right);
  const target = isMember(write.left) ? write.left.object : undefined;
  const review = (problem: Problem) =>
    context.report({ file, node: statement?.type === "ExpressionStatement" ? statement : write, ...problem, action: ACTION });
  if (write.operator !== "=" || statement?.type !== "ExpressionStatement" || !target || !isSideEffectFree(target)) return review({ messageId: "write" });
  if (value.type !== "ObjectExpression") return review({ messageId: "notLiteral" });
  if (hasTopLevel(payload, "admin_id") || hasTopLevel(payload, "assignee_id")) return review({ messageId: "conflict" });
  const lifted = liftProperties(context, file, value, undefined);
  if ("problem" in lifted) return review(lifted.problem);
  const targetText = file.sourceOf(target);
  const semicolon = file.text.slice(statement.start!, statement.end!).trimEnd().endsWith(";") ? ";" : "";
  const indent = file.indentAt(statement.start!);
  const lines = [...lifted.values].map(([key, { value }]) => `${targetText}.${key} = ${value}${semicolon}`);
  // Comments elsewhere in the statement (`body /* why */ .assignment = …`) and in the object outside its values go
  // before the new statements (those inside a value stay in its text).
  const insideObject: string[] = [];
  let from = value.start!;
  for (const child of value.properties) {
    const valueNode = child.type === "ObjectProperty" ? child.value : child;
    insideObject.push(file.text.slice(from, valueNode.start!));
    from = valueNode.end!;
  }
  insideObject.push(file.text.slice(from, value.end!));
  const around = [
    file.text.slice(statement.start!, target.start!),
    file.text.slice(target.end!, value.start!),
    ...insideObject,
    file.text.slice(value.end!, statement.end!),
  ];
  const leading = commentsIn(around.join(" ")).map((comment) => comment + (comment.startsWith("//") ? file.newline + indent : " "));
  const edits: TextEdit[] = [{ start: statement.start!, end: statement.end!, text: leading.join("") + lines.join(file.newline + indent) }];
  context.report({ file, node: statement, messageId: "nested", edits });
}

export const ticketUpdateAssignment: Rule<MessageId> = {
  meta,
  // A payload may be built far from its call (type-aware mode finds it by its type), so `ticket_id` counts too.
  needles: ["ssignment"],
  mayMatch: (text) => text.includes("assignment") && /tickets|ticket_id|Ticket/.test(text),
  check(context) {
    // Only a file that writes an `assignment` key can hold the shape: skip request recognition otherwise.
    if (!hasKey(context, "assignment")) return;
    for (const request of context.requests()) {
      if (request.endpoint?.operation !== "tickets.update" || !request.payload) continue;
      const payload = request.payload;
      for (const property of payloadProperties(payload, "assignment")) checkProperty(context, payload, property.file, property.node, property.env);
      for (const write of payload.writes) if (write.key === "assignment") checkWrite(context, payload, write.file, write.node);
    }
  },
};
