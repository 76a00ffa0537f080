/**
 * Ticket routing used by the support-desk API (`POST /internal/tickets/...`).
 */
import { intercom, SUPPORT_BOT_ADMIN_ID } from "../intercom/client";

const TIER2_TEAM_ID = process.env.INTERCOM_TIER2_TEAM_ID ?? "8004";
const BUG_REPORT_TICKET_TYPE_ID = "88";

export interface NewBugReport {
  contactId: string;
  title: string;
  description: string;
  triageAdminId?: string;
}

/**
 * Open a back-office bug ticket and hand it straight to the triage rotation.
 */
export async function openBugReport(report: NewBugReport) {
  const ticket = await intercom.tickets.create({
    ticket_type_id: BUG_REPORT_TICKET_TYPE_ID,
    contacts: [{ id: report.contactId }],
    ticket_attributes: {
      _default_title_: report.title,
      _default_description_: report.description,
    },
    assignment: {
      admin_assignee_id: report.triageAdminId,
      team_assignee_id: TIER2_TEAM_ID,
    },
  });
  return ticket?.id;
}

/**
 * Reassign a ticket on behalf of the admin who clicked "Reassign" in the inbox
 * sidebar app.
 */
export async function reassignTicket(ticketId: string, actingAdminId: string, assigneeId: string) {
  try {
    return await intercom.tickets.update({
      ticket_id: ticketId,
      assignment: {
        admin_id: actingAdminId,
        assignee_id: assigneeId,
      },
    });
  } catch (err) {
    console.error(`reassignTicket(${ticketId}) failed`, err);
    throw err;
  }
}

/**
 * Escalate to Tier 2: mark the ticket as "in progress" and move it to the Tier 2
 * team, attributed to the support bot.
 */
export async function escalateToTier2(ticketId: string, reason: string) {
  await intercom.tickets.update({
    ticket_id: ticketId,
    ticket_state_id: "123",
    ticket_attributes: { escalation_reason: reason },
    // support bot -> Tier 2 team
    assignment: { admin_id: "5017691", assignee_id: "8004" },
  });
}

/**
 * When a customer replies on the linked conversation we route the conversation
 * (not the ticket) back to the admin who owns the ticket.
 */
export async function routeConversationToOwner(conversationId: string, ownerAdminId: string) {
  await intercom.conversations.manage({
    conversation_id: conversationId,
    body: {
      message_type: "assignment",
      type: "admin",
      admin_id: SUPPORT_BOT_ADMIN_ID,
      assignee_id: ownerAdminId,
      body: "Routing you back to the teammate handling your ticket.",
    },
  });
}

export { TIER2_TEAM_ID };
