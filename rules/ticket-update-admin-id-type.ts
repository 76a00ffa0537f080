// ticket-update-admin-id-type: a ticket update whose top-level `admin_id` is a string or `assignee_id` a number.
import type { Node } from "@babel/types";
import {
  defineMeta,
  isGlobal,
  isMember,
  memberName,
  payloadProperties,
  toInteger,
  toStringId,
  unwrapExpression,
  type Conversion,
  type Env,
  type Payload,
  type Ref,
  type Rule,
  type RuleContext,
  type SourceFile,
} from "../src/rule-api.js";

const meta = defineMeta({
  id: "ticket-update-admin-id-type",
  severity: "error",
  description: "Ticket updates must send `admin_id` as an integer and `assignee_id` as a string (API 2.14).",
  fixable: true,
  messages: {
    adminId: "Ticket update sends `admin_id` as a string; API 2.14 requires an integer (the id of the admin making the change).",
    adminIdNotInteger: "Ticket update sends `admin_id` as a string; API 2.14 requires an integer (the id of the admin making the change), and {{ problem }}.",
    assigneeId: "Ticket update sends `assignee_id` as a number; API 2.14 requires a string (the id of the admin or team assigned).",
    assigneeIdNotString: "Ticket update sends `assignee_id` as a number; API 2.14 requires a string (the id of the admin or team assigned), and {{ problem }}.",
  },
  fixTitles: {
    adminId: "Send `admin_id` as an integer",
    assigneeId: "Send `assignee_id` as a string",
  },
  fixesDone: {
    adminId: "Changed the ticket update's `admin_id` to an integer.",
    assigneeId: "Changed the ticket update's `assignee_id` to a string.",
  },
});

type Context = RuleContext<keyof typeof meta.messages>;

export const actions = {
  adminIdReview: "Send the integer id of the admin making the change as `admin_id`.",
  assigneeIdReview: "Send `assignee_id` as a string where it is set (`String(id)`), and leave the key out where it is not.",
} as const;

interface Occurrence {
  file: SourceFile;
  /** The property or the `x.key = …` assignment. */
  at: Node;
  value: Node;
  env?: Env;
  /** `{ admin_id }`: the rewrite has to spell the key out. */
  shorthand: boolean;
}

function occurrences(payload: Payload, key: string): Occurrence[] {
  const found: Occurrence[] = payloadProperties(payload, key).map((property) => ({
    file: property.file,
    at: property.node,
    value: property.node.value,
    env: property.env,
    shorthand: property.node.shorthand,
  }));
  for (const write of payload.writes) {
    if (write.key === key && write.node.operator === "=") found.push({ file: write.file, at: write.node, value: write.node.right, shorthand: false });
  }
  return found;
}

function edit(occurrence: Occurrence, key: string, text: string) {
  const { value } = occurrence;
  return { start: value.start!, end: value.end!, text: occurrence.shorthand ? `${key}: ${text}` : text };
}

/** `String(n)` / `n.toString()` of a number-typed `n`: the number itself is the integer 2.14 wants. */
function stringifiedNumber(context: Context, ref: Ref): Node | undefined {
  const node = unwrapExpression(ref.node);
  if (node.type !== "CallExpression") return undefined;
  let inner: Node | undefined;
  if (isGlobal(ref.file, node.callee, "String") && node.arguments.length === 1) inner = node.arguments[0];
  else if (isMember(node.callee) && memberName(node.callee) === "toString" && node.arguments.length === 0) inner = node.callee.object;
  if (!inner || inner.type === "SpreadElement" || inner.type === "ArgumentPlaceholder") return undefined;
  return context.staticType({ ...ref, node: inner }) === "number" ? inner : undefined;
}

function checkAdminId(context: Context, occurrence: Occurrence): void {
  const ref = { file: occurrence.file, node: occurrence.value, env: occurrence.env };
  if (context.staticType(ref) !== "string") return;
  const number = stringifiedNumber(context, ref);
  if (number) {
    const text = occurrence.file.sourceOf(number);
    context.report({ file: occurrence.file, node: occurrence.value, messageId: "adminId", edits: [edit(occurrence, "admin_id", text)] });
    return;
  }
  reportConversion(context, occurrence, "admin_id", toInteger(context, ref));
}

function checkAssigneeId(context: Context, occurrence: Occurrence): void {
  const ref = { file: occurrence.file, node: occurrence.value, env: occurrence.env };
  const node = unwrapExpression(occurrence.value);
  if (node.type !== "NumericLiteral" && context.staticType(ref) !== "number") return;
  reportConversion(context, occurrence, "assignee_id", toStringId(context, ref, occurrence.file.quote));
}

/** Each key's finding: fixed with its conversion, or left for review with the reason the conversion gave. */
const FINDINGS = {
  admin_id: { fixed: "adminId", review: "adminIdNotInteger", action: actions.adminIdReview },
  assignee_id: { fixed: "assigneeId", review: "assigneeIdNotString", action: actions.assigneeIdReview },
} as const;

function reportConversion(context: Context, occurrence: Occurrence, key: keyof typeof FINDINGS, conversion: Conversion): void {
  const { fixed, review, action } = FINDINGS[key];
  if ("problem" in conversion) {
    context.report({ file: occurrence.file, node: occurrence.value, messageId: review, data: { problem: conversion.problem }, action });
  } else if (conversion.changed) {
    context.report({ file: occurrence.file, node: occurrence.value, messageId: fixed, edits: [edit(occurrence, key, conversion.text)] });
  }
}

export const ticketUpdateAdminIdType: Rule<keyof typeof meta.messages> = {
  meta,
  needles: ["admin_id", "assignee_id"],
  mayMatch: (text) => /\b(admin_id|assignee_id)\b/.test(text) && /tickets|Ticket|TICKET/.test(text),
  check(context) {
    for (const request of context.requests()) {
      if (request.endpoint?.operation !== "tickets.update" || !request.payload) continue;
      for (const occurrence of occurrences(request.payload, "admin_id")) checkAdminId(context, occurrence);
      for (const occurrence of occurrences(request.payload, "assignee_id")) checkAssigneeId(context, occurrence);
    }
  },
};
