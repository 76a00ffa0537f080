"use strict";

/**
 * Weekly workload report (posted to #support-leads every Monday).
 *
 * Reads the admin activity log over raw HTTP and summarises who changed
 * assignment limits, away mode and team membership during the week.
 */
const { api } = require("../intercom/http.cjs");

// Kept separate so alerting (see below) can match on it.
const ADMIN_LIMIT_CHANGE = "admin_assignment_limit_change";

const REPORTED_TYPES = new Set([
  "admin_assignment_limit_change",
  "team_assignment_limit_change",
  "admin_away_mode_change",
  "app_team_membership_modification",
]);

const WEEK = 7 * 24 * 60 * 60;

async function fetchWeek(now = Math.floor(Date.now() / 1000)) {
  const { data } = await api.get("/admins/activity_logs", {
    params: { created_at_after: now - WEEK, created_at_before: now },
  });
  return (data.activity_logs || []).filter((log) => REPORTED_TYPES.has(log.activity_type));
}

function describe(log) {
  const who = (log.performed_by && log.performed_by.email) || "someone";

  switch (log.activity_type) {
    case "admin_assignment_limit_change": {
      const { assignment_limit } = log.metadata;
      return assignment_limit == null
        ? `${who} removed their assignment limit`
        : `${who} set their assignment limit to ${assignment_limit}`;
    }
    case "team_assignment_limit_change":
      return `${who} changed a team assignment limit`;
    case "admin_away_mode_change":
      return `${who} went ${log.metadata.away_mode ? "away" : "back online"}`;
    default:
      return log.activity_description || log.activity_type;
  }
}

/** Limits lowered to zero usually mean someone is quietly opting out of the queue. */
function needsAttention(log) {
  return log.activity_type === ADMIN_LIMIT_CHANGE && log.metadata.assignment_limit === 0;
}

async function buildWeeklyReport() {
  const logs = await fetchWeek();
  const lines = logs.map((log) => `• ${describe(log)}`);
  const flagged = logs.filter(needsAttention);
  const limitChanges = logs.filter((log) => log.activity_type === "admin_assignment_limit_change").length;

  return [
    `*Workload changes this week* (${limitChanges} assignment limit changes)`,
    ...lines,
    flagged.length ? `_${flagged.length} change(s) need a look_` : "",
  ].join("\n");
}

module.exports = { buildWeeklyReport, describe, REPORTED_TYPES };
