// DNS-rebinding protection: a page on evil.example can make a browser resolve its own name to
// 127.0.0.1 and post to our port, but the browser still sends `Host: evil.example` (and its Origin).
// Only Host names we serve under, and Origins on them, get through. Ours rather than the SDK's
// transport options, which are deprecated, compare Host with its port and skip the health routes.
import type { IncomingMessage } from 'node:http';

export interface HostPolicy {
  /** Lowercase host names without port; IPv6 in brackets, as URL.hostname gives them. */
  hosts: ReadonlySet<string>;
  /** Exact origins allowed besides http(s) origins on an allowed host. */
  origins: ReadonlySet<string>;
}

const LOCAL_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARDS = new Set(['0.0.0.0', '[::]']);

function hostnameOf(hostHeader: string): string | undefined {
  try {
    return new URL(`http://${hostHeader}`).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/** The bind host and the localhost names, plus whatever the config adds. */
export function hostPolicy(
  bindHost: string,
  config: { allowed_hosts?: string[] | undefined; allowed_origins?: string[] | undefined },
): HostPolicy {
  const hosts = new Set(LOCAL_NAMES);
  for (const name of [bindHost, ...(config.allowed_hosts ?? [])]) {
    const hostname = hostnameOf(name.includes(':') && !name.startsWith('[') ? `[${name}]` : name);
    if (hostname && !WILDCARDS.has(hostname)) hosts.add(hostname);
  }
  const origins = new Set((config.allowed_origins ?? []).map((origin) => new URL(origin).origin));
  return { hosts, origins };
}

/** The reason the request must be refused, or undefined when its Host and Origin are ours. */
export function rejectForeignHost(req: IncomingMessage, policy: HostPolicy): string | undefined {
  const host = req.headers.host;
  if (!host) return 'missing Host header';
  const hostname = hostnameOf(host);
  if (!hostname || !policy.hosts.has(hostname)) {
    return `Host "${host.slice(0, 200)}" is not served here (DNS-rebinding protection); allow it with auth.http.allowed_hosts`;
  }
  const origin = req.headers.origin;
  if (origin === undefined) return undefined;
  let parsed: URL | undefined;
  try {
    parsed = new URL(origin);
  } catch {
    parsed = undefined;
  }
  const onAllowedHost =
    parsed !== undefined &&
    (parsed.protocol === 'http:' || parsed.protocol === 'https:') &&
    policy.hosts.has(parsed.hostname.toLowerCase());
  if (onAllowedHost || (parsed !== undefined && policy.origins.has(parsed.origin))) return undefined;
  return `Origin "${origin.slice(0, 200)}" is not allowed (DNS-rebinding protection); allow it with auth.http.allowed_origins`;
}
