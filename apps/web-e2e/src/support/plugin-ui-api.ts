// Set-up for the plugin UI flows through the API: plugin roles, server ids, tool calls.
import { expect, type APIRequestContext } from '@playwright/test';

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

export async function userIdOf(
  request: APIRequestContext,
  token: string,
): Promise<string> {
  const response = await request.get('/api/users/me', {
    headers: auth(token),
  });
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { id: string }).id;
}

/** PUT /admin/plugins/:plugin/roles/:userId as a platform admin. */
export async function grantPluginRole(
  request: APIRequestContext,
  adminToken: string,
  pluginName: string,
  userId: string,
  role: string,
): Promise<void> {
  const response = await request.put(
    `/api/admin/plugins/${encodeURIComponent(pluginName)}/roles/${userId}`,
    { headers: auth(adminToken), data: { role } },
  );
  expect(response.status(), `granting ${pluginName}/${role}`).toBe(200);
}

/** Revokes every role the user holds in the plugin (none held is fine). */
export async function revokePluginRoles(
  request: APIRequestContext,
  adminToken: string,
  pluginName: string,
  userId: string,
): Promise<void> {
  const response = await request.delete(
    `/api/admin/plugins/${encodeURIComponent(pluginName)}/roles/${userId}`,
    { headers: auth(adminToken) },
  );
  expect([204, 404], `revoking ${pluginName} roles`).toContain(
    response.status(),
  );
}

export async function serverIdByName(
  request: APIRequestContext,
  token: string,
  name: string,
): Promise<string> {
  const response = await request.get('/api/servers', {
    headers: auth(token),
    params: { q: name, limit: 50, offset: 0 },
  });
  expect(response.ok()).toBe(true);
  const page = (await response.json()) as {
    items: { id: string; name: string }[];
  };
  const server = page.items.find((candidate) => candidate.name === name);
  if (!server) {
    throw new Error(`No server named ${name} for this caller`);
  }
  return server.id;
}

export async function invokeTool(
  request: APIRequestContext,
  token: string,
  serverId: string,
  toolName: string,
  args: Record<string, unknown>,
): Promise<void> {
  const response = await request.post(
    `/api/servers/${serverId}/tools/${encodeURIComponent(toolName)}/invoke`,
    { headers: auth(token), data: { arguments: args } },
  );
  expect(response.status(), `invoking ${toolName}`).toBe(200);
}

/** Removes the caller's own row for a plugin if there is one (404 when there is none is fine). */
export async function removeMySetting(
  request: APIRequestContext,
  token: string,
  pluginName: string,
): Promise<void> {
  const response = await request.delete(
    `/api/users/me/plugins/${encodeURIComponent(pluginName)}`,
    { headers: auth(token), data: {} },
  );
  expect([200, 404], `removing my ${pluginName} setting`).toContain(
    response.status(),
  );
}
