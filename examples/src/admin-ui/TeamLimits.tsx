import React, { useEffect, useMemo, useState } from "react";

/** Shape returned by our backend's `/internal/teams` (a thin proxy over Intercom's GET /teams). */
interface TeamRow {
  id: string;
  name: string;
  admin_ids: number[];
  /** Only present when the team distributes conversations with load balancing. */
  assignment_limit?: number | null;
  distribution_method?: string | null;
}

interface WorkloadEvent {
  id: string;
  activity_type: string;
  activity_description?: string;
  created_at: number;
}

// Filters offered above the "Recent changes" list.
const ACTIVITY_FILTERS = ["admin_assignment_limit_change", "team_assignment_limit_change", "admin_away_mode_change"];

function formatLimit(team: TeamRow): string {
  if (team.distribution_method !== "load_balanced") return "—";
  return team.assignment_limit == null ? "No limit" : String(team.assignment_limit);
}

export function TeamLimits({ currentAdminId }: { currentAdminId: string }) {
  const [teams, setTeams] = useState<TeamRow[]>([]);
  const [events, setEvents] = useState<WorkloadEvent[]>([]);
  const [filter, setFilter] = useState<string>(ACTIVITY_FILTERS[0]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    Promise.all([
      fetch("/internal/teams").then((r) => r.json() as Promise<TeamRow[]>),
      fetch("/internal/audit/workload").then((r) => r.json() as Promise<WorkloadEvent[]>),
    ])
      .then(([teamRows, eventRows]) => {
        if (cancelled) return;
        setTeams(teamRows);
        setEvents(eventRows);
      })
      .catch((err: Error) => !cancelled && setError(err.message));
    return () => {
      cancelled = true;
    };
  }, []);

  const overloaded = useMemo(
    () => teams.filter((team) => team.assignment_limit != null && team.admin_ids.length * team.assignment_limit < 20),
    [teams],
  );

  // Preview of what the "Take over" button will do, shown in the side panel.
  // Purely informational: the actual request is made by the backend.
  const takeoverPreview = {
    to: { type: "admin", id: currentAdminId },
    assignment: { admin_id: currentAdminId, assignee_id: teams[0]?.id ?? "0" },
  };

  if (error) return <p className="error">Could not load teams: {error}</p>;

  return (
    <section className="team-limits">
      <h2>Team assignment limits</h2>
      <table>
        <thead>
          <tr>
            <th>Team</th>
            <th>Members</th>
            <th>Limit per teammate</th>
          </tr>
        </thead>
        <tbody>
          {teams.map((team) => (
            <tr key={team.id} className={overloaded.includes(team) ? "warn" : undefined}>
              <td>{team.name}</td>
              <td>{team.admin_ids.length}</td>
              <td>{formatLimit(team)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>Recent changes</h3>
      <select value={filter} onChange={(e) => setFilter(e.target.value)}>
        {ACTIVITY_FILTERS.map((type) => (
          <option key={type} value={type}>
            {type.replace(/_/g, " ")}
          </option>
        ))}
      </select>
      <ul>
        {events
          .filter((event) => event.activity_type === filter)
          .map((event) => (
            <li key={event.id}>
              {new Date(event.created_at * 1000).toLocaleString()} — {event.activity_description}
            </li>
          ))}
      </ul>

      <details>
        <summary>Take-over preview</summary>
        <pre>{JSON.stringify(takeoverPreview, null, 2)}</pre>
      </details>
    </section>
  );
}

export default TeamLimits;
