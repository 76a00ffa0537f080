// Minimal fetch-based helper for the background jobs (they run as plain Node
// ESM scripts, without the SDK or axios).

const INTERCOM_API = "https://api.intercom.io";

export class IntercomRequestError extends Error {
  constructor(method, path, status, payload) {
    super(`${method} ${path} failed with ${status}`);
    this.name = "IntercomRequestError";
    this.status = status;
    this.payload = payload;
  }
}

/**
 * Call the Intercom REST API.
 *
 * @param {"GET" | "POST" | "PUT" | "DELETE"} method
 * @param {string} path  path below the API root, e.g. `/tickets/123`
 * @param {object} [body] JSON payload
 */
export async function intercomRequest(method, path, body) {
  const res = await fetch(`${INTERCOM_API}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${process.env.INTERCOM_TOKEN}`,
      "Intercom-Version": "2.13",
      Accept: "application/json",
      "Content-Type": "application/json",
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

  if (res.status === 204) return null;

  const payload = await res.json().catch(() => null);
  if (!res.ok) {
    throw new IntercomRequestError(method, path, res.status, payload);
  }
  return payload;
}
