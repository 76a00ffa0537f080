/**
 * Workload audit: who changed assignment limits, and to what.
 *
 * Feeds the "Workload changes" panel of the admin UI and the weekly report
 * that goes to the support leads.
 */
import { Intercom } from "intercom-client";
import { intercom } from "../intercom/client";

/** Activity types shown in the "Workload changes" panel. */
export type WorkloadActivityType = "admin_assignment_limit_change" | "team_assignment_limit_change";

// The SDK's metadata type doesn't declare the assignment limit yet.
export type AuditEntry = Intercom.ActivityLog & {
  metadata?: Intercom.ActivityLogMetadata & {
    assignment_limit?: number | null;
  };
};

export interface LimitChange {
  at: Date;
  adminEmail: string | undefined;
  description: string | undefined;
  newLimit: number | null | undefined;
}

/** Fetch the activity log entries created between `since` and now. */
export async function fetchActivityLogs(since: Date): Promise<AuditEntry[]> {
  const toUnix = (d: Date) => String(Math.floor(d.getTime() / 1000));

  const page = await intercom.admins.listAllActivityLogs({
    created_at_after: toUnix(since),
    created_at_before: toUnix(new Date()),
  });
  return (page.activity_logs ?? []).filter((log): log is AuditEntry => log !== undefined);
}

/** Admin-level assignment limit changes since `since`, newest first. */
export async function adminLimitChanges(since: Date): Promise<LimitChange[]> {
  const entries = await fetchActivityLogs(since);

  return entries
    .filter((log) => log.activity_type === Intercom.ActivityLog.ActivityType.AdminAssignmentLimitChange)
    .map((log) => ({
      at: new Date((log.created_at ?? 0) * 1000),
      adminEmail: log.performed_by?.email,
      description: log.activity_description,
      newLimit: log.metadata?.assignment_limit,
    }))
    .sort((a, b) => b.at.getTime() - a.at.getTime());
}

/** Team-level changes are reported separately (different audience). */
export async function teamLimitChanges(since: Date): Promise<AuditEntry[]> {
  const entries = await fetchActivityLogs(since);
  return entries.filter((log) => (log.activity_type as string) === "team_assignment_limit_change");
}
