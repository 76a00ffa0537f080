// Which request URLs go to Intercom: the API hosts (US, EU, AU) and the base URLs a team adds (option, environment).

/** The Intercom API hosts, as the static rules recognise them (src/requests.ts). */
const INTERCOM_API = /^https?:\/\/api(?:\.eu|\.au)?\.intercom\.io(?::\d+)?(?=[/?#]|$)/i;

export const HOSTS_VARIABLE = "INTERCOM_MIGRATE_RUNTIME_HOSTS";

/** `https://intercom.internal:8443` from a configured entry (an origin or a URL), or undefined when it is no URL. */
export function originOf(entry: string): string | undefined {
  const text = entry.trim();
  if (text === "") return undefined;
  try {
    const url = new URL(/^[a-z][a-z\d+.-]*:\/\//i.test(text) ? text : `https://${text}`);
    return url.origin === "null" ? undefined : url.origin;
  } catch {
    return undefined;
  }
}

/** The configured origins, and the entries that are not URLs (to say so once). */
export function configuredOrigins(entries: readonly string[]): { origins: string[]; invalid: string[] } {
  const origins: string[] = [];
  const invalid: string[] = [];
  for (const entry of entries) {
    if (entry.trim() === "") continue;
    const origin = originOf(entry);
    if (origin) origins.push(origin.toLowerCase());
    else invalid.push(entry);
  }
  return { origins, invalid };
}

/** A test of a URL string that allocates nothing for the common case: a host that is not Intercom's. */
export function intercomUrlTest(origins: readonly string[]): (url: string) => boolean {
  if (origins.length === 0) return (url) => INTERCOM_API.test(url);
  const escaped = origins.map((origin) => origin.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const configured = new RegExp(`^(?:${escaped.join("|")})(?=[/?#]|$)`, "i");
  return (url) => INTERCOM_API.test(url) || configured.test(url);
}
