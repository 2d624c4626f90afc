// Per-project results of an `nx run-many -t <target>` invocation.
// Primary source: Nx's own run record (<cacheDir>/run.json, written by every run-many);
// fallback: the "Failed tasks:" block Nx prints when something fails.
import fs from 'node:fs';
import path from 'node:path';
import { stripAnsi } from './log.mjs';

export function nxCacheDir(rootDir) {
  const dir = process.env.NX_CACHE_DIRECTORY || '.nx/cache';
  return path.resolve(rootDir, dir);
}

/** Parse the list of task ids under "Failed tasks:" in Nx terminal output. */
export function parseNxFailedTasks(output) {
  const lines = stripAnsi(output).split(/\r?\n/);
  const failed = new Set();
  let inBlock = false;
  for (const raw of lines) {
    const line = raw.trim();
    if (/^Failed tasks:/.test(line)) {
      inBlock = true;
      continue;
    }
    if (!inBlock) continue;
    if (line === '') {
      if (failed.size > 0) inBlock = false;
      continue;
    }
    const m = /^-\s+(\S+)$/.exec(line);
    if (m) failed.add(m[1]);
    else inBlock = false;
  }
  return [...failed];
}

/**
 * @param {{rootDir: string, target: string, startedAtMs: number, output: string,
 *          exitCode: number|null, expectedProjects?: string[]}} o
 * @returns {null | {passed: number, failed: number, projects: Record<string,'passed'|'failed'>,
 *          source: string}}  null when nothing trustworthy could be read.
 */
export function countNxTargetResults({
  rootDir,
  target,
  startedAtMs,
  output,
  exitCode,
  expectedProjects = [],
}) {
  const projects = {};
  let source = null;

  // 1. run.json written by this very invocation.
  try {
    const file = path.join(nxCacheDir(rootDir), 'run.json');
    const st = fs.statSync(file);
    if (st.mtimeMs >= startedAtMs - 2000) {
      const run = JSON.parse(fs.readFileSync(file, 'utf8'));
      // Ignore a record written by some other concurrent Nx invocation.
      const cmd = String(run.run?.command ?? '');
      if (cmd && !new RegExp(`(-t|--targets?)[ =]${target}\\b`).test(cmd))
        throw new Error('not our run');
      for (const t of run.tasks ?? []) {
        if (t.target !== target) continue;
        const prev = projects[t.projectName];
        const status = t.status === 0 ? 'passed' : 'failed';
        projects[t.projectName] = prev === 'failed' ? 'failed' : status;
      }
      if (Object.keys(projects).length > 0) source = 'nx run.json';
    }
  } catch {
    /* fall through */
  }

  // 2. Terminal output ("Failed tasks:" block) + the expected project list.
  if (!source && expectedProjects.length > 0) {
    const failedIds = parseNxFailedTasks(output);
    const failedProjects = new Set(failedIds.map((id) => id.split(':')[0]));
    if (exitCode === 0 || failedProjects.size > 0) {
      for (const p of expectedProjects)
        projects[p] = failedProjects.has(p) ? 'failed' : 'passed';
      source = 'nx output';
    }
  }
  if (!source) return null;

  // A project that should have run but has no result did not run: count it as failed.
  for (const p of expectedProjects)
    if (!(p in projects)) projects[p] = 'failed';

  const values = Object.values(projects);
  return {
    passed: values.filter((v) => v === 'passed').length,
    failed: values.filter((v) => v === 'failed').length,
    projects,
    source,
  };
}
