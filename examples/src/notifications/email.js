"use strict";

/**
 * Outbound customer notifications for ticket events.
 *
 * Email goes out through Intercom (so replies land in the inbox); urgent
 * incidents additionally get an SMS through Vonage.
 */

const INTERCOM_API = "https://api.intercom.io";
const VONAGE_API = "https://api.nexmo.com/v0.1";

const SENDER_ADMIN_ID = Number(process.env.INTERCOM_NOTIFY_ADMIN_ID || 991267816);

/**
 * Tell a customer their ticket was resolved, copying the account owner so the
 * CSM sees it too.
 *
 * @param {{ id: string, title: string }} ticket
 * @param {{ id: string }} user            Intercom contact (role: user)
 * @param {string} accountOwnerContactId   contact id of the account owner
 */
async function sendTicketResolvedEmail(ticket, user, accountOwnerContactId) {
  const res = await fetch(`${INTERCOM_API}/messages`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${process.env.INTERCOM_TOKEN}`,
      "intercom-version": "2.13",
      "content-type": "application/json",
    },
    body: JSON.stringify({
      message_type: "email",
      subject: `Resolved: ${ticket.title}`,
      body: `<p>Good news! Your ticket <b>${ticket.title}</b> has been resolved.</p>`,
      template: "personal",
      from: { type: "admin", id: SENDER_ADMIN_ID },
      to: { type: "user", id: user.id },
      cc: { type: "user", id: accountOwnerContactId },
    }),
  });

  if (!res.ok) {
    const detail = await res.text();
    throw new Error(`Intercom message failed (${res.status}): ${detail}`);
  }
  return res.json();
}

/**
 * SMS for P1 incidents. Vonage Messages API v0.1 uses `{ type, number }`
 * endpoints for both sides.
 */
async function sendIncidentSms(phoneNumber, text) {
  const res = await fetch(`${VONAGE_API}/messages`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${process.env.VONAGE_JWT}`,
      "Content-Type": "application/json",
    },
    body: JSON.stringify({
      from: { type: "sms", number: process.env.VONAGE_SENDER || "AcmeSupport" },
      to: { type: "sms", number: phoneNumber },
      message: { content: { type: "text", text } },
    }),
  });
  if (!res.ok) {
    console.warn(`SMS to ${phoneNumber} failed with ${res.status}`);
  }
}

module.exports = { sendTicketResolvedEmail, sendIncidentSms };
