/**
 * In-app nudges shown in the Messenger when a ticket needs the customer's input.
 */
import { intercom, SUPPORT_BOT_ADMIN_ID } from "../intercom/client";

export interface WaitingTicket {
  id: string;
  title: string;
  contactId: string;
}

/**
 * Ask the customer for the information we are waiting on. Returns the id of the
 * created message, or `undefined` when Intercom refused it (e.g. archived contact).
 */
export async function nudgeForMissingInfo(ticket: WaitingTicket, question: string) {
  try {
    const message = await intercom.messages.create({
      message_type: "inapp",
      body: `<p>About your ticket "${ticket.title}": ${question}</p>`,
      from: { type: "admin", id: Number(SUPPORT_BOT_ADMIN_ID) },
      to: { type: "user", id: ticket.contactId },
      create_conversation_without_contact_reply: true,
    });
    return message.id;
  } catch (err) {
    console.warn(`in-app nudge for ticket ${ticket.id} failed`, err);
    return undefined;
  }
}
