// Data set-up and clean-up through the API (never through the UI), so each spec starts from
// the demo seed whatever ran before it: the e2e database is shared by every spec of a run.
import { expect, type APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD } from './demo-data';

export async function apiToken(
  request: APIRequestContext,
  email: string,
  password = DEMO_PASSWORD,
): Promise<string> {
  const response = await request.post('/api/auth/login', {
    data: { email, password },
  });
  expect(response.status(), `sign-in of ${email}`).toBe(200);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** The id of one of the caller's teams, by slug. */
export async function teamIdOf(
  request: APIRequestContext,
  token: string,
  slug: string,
): Promise<string> {
  const response = await request.get('/api/users/me', {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.ok()).toBe(true);
  const me = (await response.json()) as {
    teams: { id: string; slug: string }[];
  };
  const team = me.teams.find((candidate) => candidate.slug === slug);
  if (!team) {
    throw new Error(`The caller is not in team ${slug}`);
  }
  return team.id;
}

/** Removes the team's row for a plugin if there is one (404 when there is none is fine). */
export async function removeTeamSetting(
  request: APIRequestContext,
  token: string,
  teamId: string,
  pluginName: string,
): Promise<void> {
  const response = await request.delete(
    `/api/teams/${teamId}/plugins/${encodeURIComponent(pluginName)}`,
    { headers: { authorization: `Bearer ${token}` }, data: {} },
  );
  expect([200, 404], `removing ${pluginName} from the team`).toContain(
    response.status(),
  );
}
