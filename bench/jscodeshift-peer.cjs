// The peer: the same rewrites as a conventional jscodeshift transform, written the usual way — parse every
// file with j(file.source), find the shapes with jscodeshift collections, print with toSource(). Kept small.
"use strict";

const OLD_TYPE = "admin_assignment_limit_change";

module.exports = function transform(file, api) {
  const j = api.jscodeshift;
  const root = j(file.source);
  let changed = false;

  // ticket-update-assignment: client.tickets.update({ assignment: { admin_id, assignee_id } })
  root
    .find(j.CallExpression, { callee: { type: "MemberExpression", property: { name: "update" }, object: { property: { name: "tickets" } } } })
    .forEach((call) => {
      const payload = call.node.arguments[0];
      if (!payload || payload.type !== "ObjectExpression") return;
      payload.properties = payload.properties.flatMap((property) => {
        const isAssignment = property.key && property.key.name === "assignment" && property.value.type === "ObjectExpression";
        if (!isAssignment) return [property];
        changed = true;
        return property.value.properties;
      });
    });

  // assignment-limit-activity-type: the old activity type in a case
  root.find(j.SwitchCase).forEach((path) => {
    const test = path.node.test;
    if (test && (test.type === "StringLiteral" || test.type === "Literal") && test.value === OLD_TYPE) {
      test.value = "admin_conversation_assignment_limit_change";
      path.insertAfter(j.switchCase(j.stringLiteral("admin_ticket_assignment_limit_change"), []));
      changed = true;
    }
  });

  // assignment-limit-metadata: x.metadata.assignment_limit reads
  root.find(j.MemberExpression, { property: { name: "assignment_limit" }, object: { property: { name: "metadata" } } }).forEach((path) => {
    const object = path.node.object;
    path.replace(
      j.logicalExpression(
        "??",
        j.memberExpression(object, j.identifier("conversation_assignment_limit")),
        j.memberExpression(object, j.identifier("ticket_assignment_limit")),
      ),
    );
    changed = true;
  });

  // message-recipients-array: messages.create({ to: {...} })
  root
    .find(j.CallExpression, { callee: { type: "MemberExpression", property: { name: "create" }, object: { property: { name: "messages" } } } })
    .forEach((call) => {
      const payload = call.node.arguments[0];
      if (!payload || payload.type !== "ObjectExpression") return;
      for (const property of payload.properties) {
        if (property.key && ["to", "cc", "bcc"].includes(property.key.name) && property.value.type === "ObjectExpression") {
          property.value = j.arrayExpression([property.value]);
          changed = true;
        }
      }
    });

  // intercom-version-header: "Intercom-Version": "2.13"
  root.find(j.ObjectProperty).forEach((path) => {
    const key = path.node.key;
    const name = key.type === "Identifier" ? key.name : key.value;
    if (typeof name === "string" && name.toLowerCase() === "intercom-version" && path.node.value.value === "2.13") {
      path.node.value = j.stringLiteral("2.14");
      changed = true;
    }
  });

  return changed ? root.toSource() : undefined;
};

module.exports.parser = "tsx";
