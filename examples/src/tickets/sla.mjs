// SLA sweeper: runs every 10 minutes from cron (`node src/tickets/sla.mjs`).
//
// - tickets that breached their first-response SLA are pulled back to the queue
// - tickets that were parked while waiting on engineering get their previous
//   owner back once the linked issue is closed

import got from "got";
import { intercomRequest } from "../intercom/request.mjs";

const BOT_ADMIN_ID = process.env.INTERCOM_BOT_ADMIN_ID;

// got client kept from the first version of this job.
const intercomGot = got.extend({
  prefixUrl: "https://api.intercom.io",
  headers: {
    authorization: `Bearer ${process.env.INTERCOM_TOKEN}`,
    "intercom-version": "2.11",
  },
  retry: { limit: 3 },
  responseType: "json",
});

/** Unassign a breached ticket so that the queue's round-robin picks it up again. */
export async function releaseBreachedTicket(ticket) {
  console.info(`SLA breached on ticket ${ticket.id}, releasing to queue`);
  return intercomRequest("PUT", `/tickets/${ticket.id}`, {
    ticket_attributes: { sla_breached: true },
    // assignee 0 = unassigned
    assignment: {
      admin_id: BOT_ADMIN_ID,
      assignee_id: 0,
    },
  });
}

/** Give a parked ticket back to whoever held it before it was parked. */
export async function restoreParkedTicket(ticketId, snapshot) {
  const { body } = await withNotFoundFallback(() =>
    intercomGot.put(`tickets/${ticketId}`, {
      json: {
        open: true,
        assignment: snapshot.assignment,
      },
    })
  );
  return body;
}

async function withNotFoundFallback(send) {
  try {
    return await send();
  } catch (err) {
    if (err.response && err.response.statusCode === 404) {
      console.warn("ticket vanished before we could restore it");
      return { body: null };
    }
    throw err;
  }
}

async function main() {
  const breached = await intercomRequest("POST", "/tickets/search", {
    query: {
      operator: "AND",
      value: [
        { field: "open", operator: "=", value: true },
        { field: "custom_attributes.sla_breached", operator: "=", value: false },
      ],
    },
  });
  for (const ticket of breached?.tickets ?? []) {
    await releaseBreachedTicket(ticket);
  }
  console.info(`released ${breached?.tickets?.length ?? 0} tickets`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
