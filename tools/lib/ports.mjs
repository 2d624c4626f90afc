// TCP / HTTP readiness helpers.
import net from 'node:net';
import http from 'node:http';

/** Resolve true when a TCP connection to host:port succeeds within timeoutMs. */
export function isPortOpen(port, host = '127.0.0.1', timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.createConnection({ port: Number(port), host });
    let settled = false;
    const done = (result) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Poll until the port accepts connections; resolves true, or false after timeoutMs. */
export async function waitForPort(
  port,
  host = '127.0.0.1',
  timeoutMs = 30000,
  intervalMs = 250,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await isPortOpen(port, host, Math.min(1000, timeoutMs))) return true;
    await sleep(intervalMs);
  }
  return false;
}

/** One HTTP GET; resolves the status code, or 0 on a connection error / timeout. */
export function httpStatus(url, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(0));
  });
}

/**
 * Poll url until it answers 2xx. `shouldAbort()` is checked between attempts (e.g. the
 * server process exited). Resolves true when healthy, false on timeout/abort.
 */
export async function waitForHttpOk(
  url,
  { timeoutMs = 120000, intervalMs = 300, shouldAbort = () => false } = {},
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (shouldAbort()) return false;
    const status = await httpStatus(url);
    if (status >= 200 && status < 300) return true;
    await sleep(intervalMs);
  }
  return false;
}

/** Send a Redis PING over a raw socket; resolves true on +PONG (or an auth error, which still means "a redis is there"). */
export function redisPing(port = 6379, host = '127.0.0.1', timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = net.createConnection({ port: Number(port), host });
    let buf = '';
    let settled = false;
    const done = (result) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => {
      buf += d.toString();
      if (buf.includes('\r\n'))
        done(buf.startsWith('+PONG') || buf.startsWith('-NOAUTH'));
    });
    socket.once('error', () => done(false));
  });
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}
