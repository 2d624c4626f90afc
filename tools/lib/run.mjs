// Run a command, streaming its output to this process's stdout/stderr while keeping a
// bounded copy of it for parsing. Children run in their own process group so that a
// timeout or Ctrl-C can take down the whole tree (jest workers, browsers, servers).
import { spawn, spawnSync } from 'node:child_process';

const active = new Set();
let interruptedBy = null;

/** The signal (SIGINT/SIGTERM/SIGHUP) this process received while children ran, if any. */
export function interruptedSignal() {
  return interruptedBy;
}

/**
 * Install handlers that forward SIGINT/SIGTERM/SIGHUP to every running child group.
 * onInterrupt(signal) is called once, e.g. to stop scheduling further stages.
 */
export function forwardSignalsToChildren(onInterrupt = () => {}) {
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      const first = !interruptedBy;
      interruptedBy = interruptedBy ?? sig;
      for (const child of active) killGroup(child, sig);
      if (first) onInterrupt(sig);
    });
  }
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

/**
 * @param {string} cmd
 * @param {string[]} args
 * @param {{cwd?: string, env?: NodeJS.ProcessEnv, timeoutMs?: number, captureBytes?: number,
 *          quiet?: boolean, killGroupOnExit?: boolean}} [opts]
 * @returns {Promise<{code: number|null, signal: string|null, timedOut: boolean, error?: Error,
 *          output: string, durationMs: number}>}
 */
export function runCommand(cmd, args = [], opts = {}) {
  const {
    cwd = process.cwd(),
    env = process.env,
    timeoutMs = 0,
    captureBytes = 4 * 1024 * 1024,
    quiet = false,
    killGroupOnExit = false,
  } = opts;
  const started = Date.now();
  return new Promise((resolve) => {
    let output = '';
    let timedOut = false;
    let killTimer = null;
    let hardKillTimer = null;
    let child;
    const capture = (chunk) => {
      output += chunk.toString();
      if (output.length > captureBytes)
        output = output.slice(output.length - captureBytes);
    };
    try {
      child = spawn(cmd, args, {
        cwd,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
    } catch (error) {
      resolve({
        code: null,
        signal: null,
        timedOut: false,
        error,
        output: String(error),
        durationMs: 0,
      });
      return;
    }
    active.add(child);
    child.stdout.on('data', (d) => {
      capture(d);
      if (!quiet) process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      capture(d);
      if (!quiet) process.stderr.write(d);
    });
    if (timeoutMs > 0) {
      killTimer = setTimeout(() => {
        timedOut = true;
        process.stderr.write(
          `\n[run] ${cmd} ${args.join(' ')}: timed out after ${Math.round(timeoutMs / 1000)}s, terminating\n`,
        );
        killGroup(child, 'SIGTERM');
        hardKillTimer = setTimeout(() => killGroup(child, 'SIGKILL'), 15000);
      }, timeoutMs);
    }
    let spawnError;
    child.once('error', (error) => {
      spawnError = error;
    });
    child.once('close', (code, signal) => {
      clearTimeout(killTimer);
      clearTimeout(hardKillTimer);
      active.delete(child);
      if (killGroupOnExit) {
        // Reap anything the command left behind in its group (leaked servers, workers).
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* group already empty */
        }
      }
      resolve({
        code,
        signal,
        timedOut,
        error: spawnError,
        output: spawnError ? `${output}\n${spawnError}` : output,
        durationMs: Date.now() - started,
      });
    });
  });
}

/** True when `name` resolves on PATH (or is an existing absolute path). */
export function commandExists(name) {
  const r = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', name], {
    stdio: 'ignore',
  });
  return r.status === 0;
}
