/**
 * Shared Intercom SDK client.
 *
 * Everything that talks to Intercom through the SDK imports `intercom` from
 * here, so the workspace token and the API version are configured in one place.
 */
import { IntercomClient } from "intercom-client";

if (!process.env.INTERCOM_TOKEN) {
  // Fail fast at boot rather than on the first request.
  throw new Error("INTERCOM_TOKEN is not set");
}

export const intercom = new IntercomClient({
  token: process.env.INTERCOM_TOKEN!,
  // Pinned so a workspace-level version bump can't change payload shapes under us.
  version: "2.13",
});

/** Admin that automated actions (bots, cron jobs) are attributed to. */
export const SUPPORT_BOT_ADMIN_ID = process.env.INTERCOM_BOT_ADMIN_ID ?? "5017691";
