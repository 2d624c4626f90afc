/**
 * Resolves the `@plugboard/*` aliases of tsconfig.base.json from the repository root for
 * `npm run bench:admin` (tsconfig-paths alone resolves them against apps/api, where they are not).
 * Imported first by admin.bench.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { register } from 'tsconfig-paths';

const root = join(__dirname, '..', '..');
const base = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } };
register({ baseUrl: root, paths: base.compilerOptions.paths, addMatchAll: false });
