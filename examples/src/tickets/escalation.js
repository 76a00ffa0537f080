"use strict";

/**
 * Escalation flow triggered from the on-call Slack command (`/escalate <ticket>`).
 *
 * We still mirror escalations into the legacy Zendesk instance that the billing
 * team works from, hence the second HTTP client below.
 */
const axios = require("axios");
const { api } = require("../intercom/http.cjs");

const ESCALATED_STATE_ID = process.env.INTERCOM_ESCALATED_STATE_ID || "4021";

const zendesk = axios.create({
  baseURL: "https://acme.zendesk.com/api/v2",
  auth: {
    username: `${process.env.ZENDESK_EMAIL}/token`,
    password: process.env.ZENDESK_API_TOKEN,
  },
});

/**
 * @param {object} opts
 * @param {string} opts.ticketId        Intercom ticket id
 * @param {{ id: string, name: string }} opts.escalatedBy  admin running the command
 * @param {string} [opts.note]          free-text reason, shown on the ticket
 * @param {string} [opts.conversationId] conversation linked to the ticket, if any
 * @param {string} [opts.zendeskTicketId]
 */
async function escalateTicket({ ticketId, escalatedBy, note, conversationId, zendeskTicketId }) {
  const body = { ticket_state_id: ESCALATED_STATE_ID };

  if (note) {
    body.ticket_attributes = { _default_description_: note };
  }

  // Hand over to Tier 2; the escalating admin is recorded as the actor.
  body.assignment = {
    admin_id: escalatedBy.id,
    assignee_id: process.env.TIER2_TEAM_ID,
  };

  const { data: ticket } = await api.put(`/tickets/${ticketId}`, body);

  // Keep the customer-facing conversation with the same team.
  if (conversationId) {
    await api.post(`/conversations/${conversationId}/parts`, {
      message_type: "assignment",
      type: "team",
      admin_id: escalatedBy.id,
      assignee_id: process.env.TIER2_TEAM_ID,
    });
  }

  if (zendeskTicketId) {
    try {
      await zendesk.put(`/tickets/${zendeskTicketId}`, {
        ticket: {
          status: "open",
          priority: "high",
          assignment: { admin_id: escalatedBy.id, assignee_id: process.env.ZENDESK_TIER2_GROUP_ID },
        },
      });
    } catch (err) {
      // The mirror is best effort; Intercom is the source of truth.
      console.warn(`Zendesk mirror failed for ${zendeskTicketId}: ${err.message}`);
    }
  }

  return ticket;
}

/**
 * File a follow-up ticket for engineering when an escalation turns out to be a bug.
 */
async function fileEngineeringTicket(contactId, title, engineeringTeamId) {
  const { data } = await api.post("/tickets", {
    ticket_type_id: process.env.INTERCOM_ENG_TICKET_TYPE_ID,
    contacts: [{ id: contactId }],
    ticket_attributes: { _default_title_: title },
    assignment: { team_assignee_id: engineeringTeamId },
  });
  return data;
}

module.exports = { escalateTicket, fileEngineeringTicket };
