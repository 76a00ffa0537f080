// Every rule intercom-migrate ships, in the order they are documented.
import type { Rule } from "../src/types.js";
import { intercomVersionHeader } from "./intercom-version-header.js";
import { ticketUpdateAssignment } from "./ticket-update-assignment.js";

export const RULES: readonly Rule[] = [ticketUpdateAssignment, intercomVersionHeader];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}
