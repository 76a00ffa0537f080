// ticket-update-acting-admin: a ticket update that assigns (`assignee_id`) without saying which admin acts (`admin_id`).
import type { AssignmentExpression, ObjectExpression, ObjectProperty } from "@babel/types";
import {
  defineMeta,
  isMember,
  isSideEffectFree,
  payloadProperties,
  type Payload,
  type Rule,
  type RuleContext,
  type SourceFile,
  type TextEdit,
} from "../src/rule-api.js";

const meta = defineMeta({
  id: "ticket-update-acting-admin",
  severity: "warning",
  description: "Ticket updates that assign should name the acting admin (`admin_id`); without it API 2.14 records the Operator (Fin).",
  fixable: true,
  messages: {
    missing:
      "Ticket update assigns (`assignee_id`) without `admin_id`: from API 2.14 the change is recorded as made by the Operator (Fin), and workflows run as it.",
  },
  fixTitles: {
    missing: "Add `admin_id: {{ adminId }}`, the configured acting admin",
  },
  fixesDone: {
    missing: "Added `admin_id: {{ adminId }}`, the configured acting admin, to the ticket update.",
  },
  settings: [
    {
      path: "ticketUpdates.actingAdminId",
      type: "positive-integer",
      description: "The admin id `fix` adds as `admin_id` to ticket updates that assign without naming the acting admin.",
    },
  ],
});

type Context = RuleContext<keyof typeof meta.messages>;

export const actions = {
  review:
    "Add `admin_id` (integer) with the id of the admin making the change, or name a default acting admin in the config (`settings.ticketUpdates.actingAdminId`) so `fix` adds it.",
} as const;

/** The acting admin id from the config, when one is named (validated as a positive integer when the config is read). */
export function actingAdminId(settings: Readonly<Record<string, unknown>>): number | undefined {
  const id = (settings.ticketUpdates as { actingAdminId?: unknown } | undefined)?.actingAdminId;
  return typeof id === "number" && Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

function sets(payload: Payload, key: string): boolean {
  return payloadProperties(payload, key).length > 0 || payload.writes.some((write) => write.key === key);
}

/** `admin_id: <id>` inserted before the `assignee_id` property, laid out like its neighbours. */
function propertyEdit(file: SourceFile, object: ObjectExpression, property: ObjectProperty, id: number): TextEdit {
  const index = object.properties.indexOf(property);
  const previousEnd = index === 0 ? object.start! + 1 : object.properties[index - 1].end!;
  const between = file.text.slice(previousEnd, property.start!);
  const multiline = /[\r\n]/.test(between);
  const separator = multiline ? "," + file.newline + file.indentAt(property.start!) : ", ";
  return { start: property.start!, end: property.start!, text: `admin_id: ${id}${separator}` };
}

/** `body.admin_id = <id>;` inserted before `body.assignee_id = …;`. */
function writeEdit(file: SourceFile, write: AssignmentExpression, id: number): TextEdit | undefined {
  const statement = file.parent(write);
  const target = isMember(write.left) ? write.left.object : undefined;
  if (statement?.type !== "ExpressionStatement" || !target || !isSideEffectFree(target)) return undefined;
  const semicolon = file.text.slice(statement.start!, statement.end!).trimEnd().endsWith(";") ? ";" : "";
  const text = `${file.sourceOf(target)}.admin_id = ${id}${semicolon}${file.newline}${file.indentAt(statement.start!)}`;
  return { start: statement.start!, end: statement.start!, text };
}

function report(context: Context, file: SourceFile, node: ObjectProperty | AssignmentExpression, id: number | undefined, edit: TextEdit | undefined): void {
  if (id !== undefined && edit) context.report({ file, node, messageId: "missing", data: { adminId: String(id) }, edits: [edit] });
  else context.report({ file, node, messageId: "missing", action: actions.review });
}

export const ticketUpdateActingAdmin: Rule<keyof typeof meta.messages> = {
  meta,
  needles: ["assignee_id"],
  mayMatch: (text) => text.includes("assignee_id") && /tickets|Ticket|TICKET/.test(text),
  check(context) {
    const id = actingAdminId(context.settings);
    for (const request of context.requests()) {
      if (request.endpoint?.operation !== "tickets.update" || !request.payload) continue;
      const payload = request.payload;
      // An `admin_id` may hide in what cannot be followed: no guessing.
      if (payload.opaque || sets(payload, "admin_id") || !sets(payload, "assignee_id")) continue;
      for (const property of payloadProperties(payload, "assignee_id")) {
        report(context, property.file, property.node, id, id === undefined ? undefined : propertyEdit(property.file, property.object, property.node, id));
      }
      for (const write of payload.writes) {
        if (write.key !== "assignee_id") continue;
        report(context, write.file, write.node, id, id === undefined ? undefined : writeEdit(write.file, write.node, id));
      }
    }
  },
};
