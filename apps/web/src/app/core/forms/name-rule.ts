// Server and tool names: the API's rule (they also travel in URLs and MCP tool lists).
export const NAME_MAX = 100;
const NAME_SHAPE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Why `name` (already trimmed) is not acceptable, or null when it is. */
export function nameProblem(
  name: string,
  what: 'server' | 'tool',
): string | null {
  if (!name) {
    return `Give the ${what} a name.`;
  }
  if (name.length > NAME_MAX) {
    return `Use at most ${NAME_MAX} characters.`;
  }
  if (!NAME_SHAPE.test(name)) {
    return 'Use letters, digits, "_", "." or "-", starting with a letter or digit.';
  }
  return null;
}
