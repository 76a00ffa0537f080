// Satisfaction follow-ups, sent a day after a ticket is resolved.
// (Plain JS: this file predates the TypeScript migration and runs under tsx.)

import { intercom } from "../intercom/client.js";

const CSAT_SENDER_ID = Number(process.env.INTERCOM_CSAT_ADMIN_ID ?? 394051);

/**
 * @param {{ id: string, title: string }} ticket
 * @param {{ id: string, role: "user" | "lead", name?: string }} contact
 */
export async function sendSatisfactionSurvey(ticket, contact) {
  const greeting = contact.name ? `Hi ${contact.name.split(" ")[0]},` : "Hi there,";

  await intercom.messages.create({
    message_type: "email",
    subject: "How did we do?",
    body: `<p>${greeting}</p><p>We'd love to hear how we handled "${ticket.title}".</p>`,
    template: "personal",
    from: { type: "admin", id: CSAT_SENDER_ID },
    to: { type: "user", id: contact.id },
  });
}

/** Leads get a lighter-touch version through the Messenger. */
export async function sendSatisfactionNudge(ticket, contact) {
  try {
    await intercom.messages.create({
      message_type: "inapp",
      body: `Got a second to rate our help with "${ticket.title}"?`,
      from: { type: "admin", id: CSAT_SENDER_ID },
      to: contact.role === "lead" ? { type: "lead", id: contact.id } : { type: "user", id: contact.id },
    });
  } catch (err) {
    // Contacts who unsubscribed from in-app messages make this fail; not worth retrying.
    console.info(`skipped CSAT nudge for ${contact.id}: ${err.message}`);
  }
}
