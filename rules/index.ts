// Every rule intercom-migrate ships, in the order they are documented.
import type { Rule } from "../src/rule-api.js";
import { assignmentLimitActivityType } from "./assignment-limit-activity-type.js";
import { assignmentLimitMetadata } from "./assignment-limit-metadata.js";
import { intercomVersionHeader } from "./intercom-version-header.js";
import { messageRecipientsArray } from "./message-recipients-array.js";
import { newsPublishedAt } from "./news-published-at.js";
import { requestSchema } from "./request-schema.js";
import { ticketUpdateActingAdmin } from "./ticket-update-acting-admin.js";
import { ticketUpdateAdminIdType } from "./ticket-update-admin-id-type.js";
import { ticketUpdateAssignment } from "./ticket-update-assignment.js";

export const RULES: readonly Rule[] = [
  ticketUpdateAssignment,
  assignmentLimitActivityType,
  assignmentLimitMetadata,
  messageRecipientsArray,
  intercomVersionHeader,
  ticketUpdateAdminIdType,
  ticketUpdateActingAdmin,
  newsPublishedAt,
  requestSchema,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}
