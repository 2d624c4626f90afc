/** Runs a tool's target (`echo` answers its arguments, `http` POSTs them to an allowed upstream) and the upstream call resources share. */
import { DomainError } from '../common/domain-error';

export interface TargetSpec {
  type: 'echo' | 'http';
  url: string | null;
  timeoutMs: number | null;
}

/** Hosts match exactly or as a subdomain of an allowlist entry written `*.example.com`. */
export function hostAllowed(url: string, allowlist: readonly string[]): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, '');
  } catch {
    return false;
  }
  return allowlist.some((entry) =>
    entry.startsWith('*.') ? host.endsWith(entry.slice(1)) && host.length > entry.length - 1 : host === entry,
  );
}

export function assertUpstreamUrl(url: string | undefined, allowlist: readonly string[]): string {
  if (!url) throw new DomainError('VALIDATION_FAILED', 'An http target needs a url', { errors: [{ pointer: '/target/url', message: 'url is required for http targets' }] });
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DomainError('VALIDATION_FAILED', 'target.url is not a valid URL', { errors: [{ pointer: '/target/url', message: 'not a valid URL' }] });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new DomainError('VALIDATION_FAILED', 'target.url must be an http or https URL', { errors: [{ pointer: '/target/url', message: 'must be http(s)' }] });
  }
  if (parsed.username || parsed.password) {
    throw new DomainError('VALIDATION_FAILED', 'target.url must not carry credentials', { errors: [{ pointer: '/target/url', message: 'credentials are not allowed in the URL' }] });
  }
  if (!hostAllowed(url, allowlist)) {
    throw new DomainError('UPSTREAM_NOT_ALLOWED', `The host ${parsed.hostname} is not in PLUGBOARD_UPSTREAM_ALLOWLIST`);
  }
  return parsed.toString();
}

const MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

export interface UpstreamAnswer {
  text: string;
  contentType: string;
}

/**
 * One request to an allowed upstream under a time limit (tools POST their arguments, resources
 * GET their URL): no redirects, a capped answer, and only 2xx answers come back.
 */
export async function callUpstream(
  rawUrl: string | null,
  request: { method: 'GET' } | { method: 'POST'; json: unknown },
  options: { allowlist: readonly string[]; timeoutMs: number },
): Promise<UpstreamAnswer> {
  const url = assertUpstreamUrl(rawUrl ?? undefined, options.allowlist);
  const { timeoutMs } = options;
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: request.method,
      headers: request.method === 'POST' ? { 'content-type': 'application/json', accept: 'application/json' } : { accept: '*/*' },
      ...(request.method === 'POST' ? { body: JSON.stringify(request.json) } : {}),
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    // fetch rejects with a DOMException, which is not an `Error` of every realm (Jest's vm): test the name.
    const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new DomainError('UPSTREAM_TIMEOUT', `The upstream did not answer within ${timeoutMs} ms`);
    }
    throw new DomainError('UPSTREAM_FAILED', 'The upstream could not be reached');
  }
  if (text.length > MAX_RESPONSE_BYTES) throw new DomainError('UPSTREAM_FAILED', 'The upstream answer is too large');
  if (!response.ok) {
    throw new DomainError('UPSTREAM_FAILED', `The upstream answered ${response.status}`);
  }
  return { text, contentType: response.headers.get('content-type') ?? '' };
}

export async function runTarget(
  target: TargetSpec,
  args: Record<string, unknown>,
  options: { allowlist: readonly string[]; defaultTimeoutMs: number },
): Promise<unknown> {
  if (target.type === 'echo') return structuredClone(args);
  const { text, contentType } = await callUpstream(target.url, { method: 'POST', json: args }, {
    allowlist: options.allowlist,
    timeoutMs: target.timeoutMs ?? options.defaultTimeoutMs,
  });
  if (!contentType.includes('json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new DomainError('UPSTREAM_FAILED', 'The upstream answered invalid JSON');
  }
}
