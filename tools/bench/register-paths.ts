/**
 * Resolves the `@plugboard/*` path aliases of tsconfig.base.json from the repository root.
 * `-r tsconfig-paths/register` with TS_NODE_PROJECT=apps/api/tsconfig.app.json resolves them
 * against apps/api (no project sets a baseUrl), where they do not exist; imported first, this
 * registers them against the root.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { register } from 'tsconfig-paths';

const root = join(__dirname, '..', '..');
const base = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } };
register({ baseUrl: root, paths: base.compilerOptions.paths, addMatchAll: false });
