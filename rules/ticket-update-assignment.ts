// ticket-update-assignment: a ticket update that nests `assignment: { admin_id, assignee_id }`, which 2.14 removed.
import type { AssignmentExpression, ObjectExpression, ObjectProperty } from "@babel/types";
import { toInteger, toStringId, type Conversion } from "../src/core/conversions.js";
import { propertyKeyName } from "../src/core/scope.js";
import { commentsIn, isSideEffectFree, skipTrivia } from "../src/core/syntax.js";
import type { SourceFile } from "../src/core/source.js";
import type { Rule, RuleContext, TextEdit } from "../src/core/types.js";
import { hasKey, isMember, payloadProperties, unwrapExpression, type Env, type Payload } from "../src/core/values.js";

const LIFTED_KEYS = new Set(["admin_id", "assignee_id"]);

export const messages = {
  nested:
    "Ticket update nests `assignment: { admin_id, assignee_id }`, which API 2.14 rejects: `admin_id` (integer, the admin making the change) and `assignee_id` (string) now sit at the top level.",
  notLiteral:
    "Ticket update sends `assignment`, which API 2.14 rejects, and its value is not an object literal the tool can rewrite.",
  extraKeys: "Ticket update nests `assignment` with keys other than `admin_id` and `assignee_id`; API 2.14 rejects the nested object.",
  conflict: "Ticket update nests `assignment` and also sets `admin_id` or `assignee_id` at the top level; API 2.14 rejects the nested object.",
  badId: "Ticket update nests `assignment` (rejected by API 2.14), and its `admin_id` cannot become an integer automatically:",
  comments: "Ticket update nests `assignment` (rejected by API 2.14); comments after its last key keep the tool from rewriting it safely.",
  write: "Ticket update sets `assignment` after building the payload; API 2.14 rejects the nested object.",
} as const;

const ACTION =
  "Remove `assignment` and set top-level `admin_id` (integer id of the admin making the change) and `assignee_id` (string id of the admin or team assigned).";

/** Text of the lifted properties, or why they cannot be lifted. */
interface Lifted {
  /** The property as it will be written in an object literal. */
  property: string;
  /** Just the (converted) value. */
  value: string;
}

function liftProperties(context: RuleContext, file: SourceFile, object: ObjectExpression, env: Env | undefined): { values: Map<string, Lifted> } | { problem: string } {
  const values = new Map<string, Lifted>();
  for (const property of object.properties) {
    if (property.type !== "ObjectProperty" || property.computed) return { problem: messages.extraKeys };
    const key = propertyKeyName(property.key);
    if (!key || !LIFTED_KEYS.has(key) || values.has(key)) return { problem: messages.extraKeys };
    const ref = { file, node: property.value, env };
    const conversion: Conversion = key === "admin_id" ? toInteger(context.resolver, ref) : toStringId(context.resolver, ref, file.quote);
    if ("problem" in conversion) return { problem: `${messages.badId} ${conversion.problem}.` };
    // The property as written with only its value converted: comments and parentheses around the value stay.
    const asWritten = () => file.text.slice(property.start!, property.value.start!) + conversion.text + file.text.slice(property.value.end!, property.end!);
    const text = property.shorthand && !conversion.changed ? key : property.shorthand ? `${key}: ${conversion.text}` : asWritten();
    values.set(key, { property: text, value: conversion.text });
  }
  if (values.size === 0) return { problem: messages.extraKeys };
  return { values };
}

/** The lifted properties' text, laid out as the nested object was (one line, or one property a line). */
function liftedText(file: SourceFile, property: ObjectProperty, object: ObjectExpression, values: Map<string, Lifted>): string | undefined {
  const inner = file.text.slice(object.start! + 1, object.end! - 1);
  const last = object.properties[object.properties.length - 1];
  // Comments after the last key (inside the braces, or in parentheses around them) have no safe place to go.
  const tail = file.text.slice(last.end!, object.end! - 1) + file.text.slice(object.end!, property.end!);
  if (commentsIn(tail).length > 0) return undefined;
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
    if (multiline) text = text.split(/\r?\n/).join(file.newline).replaceAll(file.newline + innerIndent, file.newline + indent);
    parts.push(text);
  });
  // Comments between the key and the braces (`assignment: /* why */ {`) go before the first lifted property.
  const leading = commentsIn(file.text.slice(property.key.end!, object.start!));
  parts[0] = leading.map((comment) => comment + (comment.startsWith("//") ? file.newline + indent : " ")).join("") + parts[0];
  return parts.join(multiline ? "," + file.newline + indent : ", ");
}

/** The trivia between two properties without the comma that separates them (it may come after a comment). */
function withoutSeparator(trivia: string): string {
  const comma = skipTrivia(trivia, 0);
  return trivia[comma] === "," ? trivia.slice(0, comma) + trivia.slice(comma + 1) : trivia;
}

function hasTopLevel(payload: Payload, key: string): boolean {
  return payloadProperties(payload, key).length > 0 || payload.writes.some((write) => write.key === key);
}

function checkProperty(context: RuleContext, payload: Payload, file: SourceFile, property: ObjectProperty, env: Env | undefined): void {
  const value = unwrapExpression(property.value);
  if (value.type !== "ObjectExpression" || property.shorthand) {
    context.report({ file, node: property, message: messages.notLiteral, action: ACTION });
    return;
  }
  if (hasTopLevel(payload, "admin_id") || hasTopLevel(payload, "assignee_id")) {
    context.report({ file, node: property, message: messages.conflict, action: ACTION });
    return;
  }
  const lifted = liftProperties(context, file, value, env);
  if ("problem" in lifted) {
    context.report({ file, node: property, message: lifted.problem, action: ACTION });
    return;
  }
  const text = liftedText(file, property, value, lifted.values);
  if (text === undefined) {
    context.report({ file, node: property, message: messages.comments, action: ACTION });
    return;
  }
  context.report({ file, node: property, message: messages.nested, edits: [{ start: property.start!, end: property.end!, text }] });
}

function checkWrite(context: RuleContext, payload: Payload, file: SourceFile, write: AssignmentExpression): void {
  const statement = file.parent(write);
  const value = unwrapExpression(write.right);
  const target = isMember(write.left) ? write.left.object : undefined;
  const report = (message: string) => context.report({ file, node: statement?.type === "ExpressionStatement" ? statement : write, message, action: ACTION });
  if (write.operator !== "=" || statement?.type !== "ExpressionStatement" || !target || !isSideEffectFree(target)) return report(messages.write);
  if (value.type !== "ObjectExpression") return report(messages.notLiteral);
  if (hasTopLevel(payload, "admin_id") || hasTopLevel(payload, "assignee_id")) return report(messages.conflict);
  const inner = file.text.slice(value.start!, value.end!);
  if (/\/[/*]/.test(inner)) return report(messages.comments);
  const lifted = liftProperties(context, file, value, undefined);
  if ("problem" in lifted) return report(lifted.problem);
  const targetText = file.sourceOf(target);
  const semicolon = file.text.slice(statement.start!, statement.end!).trimEnd().endsWith(";") ? ";" : "";
  const indent = file.indentAt(statement.start!);
  const lines = [...lifted.values].map(([key, { value }]) => `${targetText}.${key} = ${value}${semicolon}`);
  // Comments elsewhere in the statement (`body /* why */ .assignment = …`) go before the new statements.
  const around = [file.text.slice(statement.start!, target.start!), file.text.slice(target.end!, value.start!), file.text.slice(value.end!, statement.end!)];
  const leading = commentsIn(around.join(" ")).map((comment) => comment + (comment.startsWith("//") ? file.newline + indent : " "));
  const edits: TextEdit[] = [{ start: statement.start!, end: statement.end!, text: leading.join("") + lines.join(file.newline + indent) }];
  context.report({ file, node: statement, message: messages.nested, edits });
}

export const ticketUpdateAssignment: Rule = {
  meta: {
    id: "ticket-update-assignment",
    severity: "error",
    description: "Ticket updates must send `admin_id` and `assignee_id` at the top level, not nested in `assignment` (removed in 2.14).",
    fixable: true,
  },
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
