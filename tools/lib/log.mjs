// Small console helpers shared by tools/start.mjs, tools/test.mjs and tools/e2e-server.mjs.
// Progress lines go to stderr by default so that stdout stays for real output.

const useColor =
  !process.env.NO_COLOR &&
  (process.env.FORCE_COLOR
    ? process.env.FORCE_COLOR !== '0'
    : !!process.stderr.isTTY);

const wrap = (code) => (s) =>
  useColor ? `\u001b[${code}m${s}\u001b[0m` : String(s);

export const color = {
  bold: wrap('1'),
  dim: wrap('2'),
  red: wrap('31'),
  green: wrap('32'),
  yellow: wrap('33'),
  cyan: wrap('36'),
};

/** Strip ANSI escape sequences (for parsing captured output). */
export function stripAnsi(text) {
  // eslint-disable-next-line no-control-regex
  return String(text).replace(
    /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007/g,
    '',
  );
}

export function createLogger(prefix) {
  const tag = color.cyan(`[${prefix}]`);
  return {
    info: (msg) => process.stderr.write(`${tag} ${msg}\n`),
    step: (msg) => process.stderr.write(`${tag} ${color.bold('▸')} ${msg}\n`),
    ok: (msg) => process.stderr.write(`${tag} ${color.green('✓')} ${msg}\n`),
    warn: (msg) => process.stderr.write(`${tag} ${color.yellow('!')} ${msg}\n`),
    error: (msg) => process.stderr.write(`${tag} ${color.red('✗')} ${msg}\n`),
  };
}

export function formatDuration(ms) {
  if (ms < 1000) return `${ms}ms`;
  const s = Math.round(ms / 100) / 10;
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return `${m}m${String(Math.round(s - m * 60)).padStart(2, '0')}s`;
}
