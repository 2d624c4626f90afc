import type { ToolTargetType } from '@plugboard/shared-contracts';
import {
  type FormResult,
  invalid,
  parseJsonObject,
  valid,
} from '../../../core/forms/form-result';
import { nameProblem } from '../../../core/forms/name-rule';
import type { CreateToolRequest } from '../../../core/servers/servers-api';

// The API's limits (CreateToolDto, ToolTargetDto).
export const TOOL_DESCRIPTION_MAX = 2000;
export const TOOL_RESOURCE_MAX = 500;
export const TOOL_URL_MAX = 2000;
export const TOOL_TIMEOUT_MIN_MS = 100;
export const TOOL_TIMEOUT_MAX_MS = 60_000;

export interface AddToolFormValue {
  name: string;
  description: string;
  resource: string;
  targetType: ToolTargetType;
  url: string;
  timeoutMs: number | null;
  /** JSON text; blank means "no schema". */
  inputSchema: string;
}

export function buildCreateToolRequest(
  value: AddToolFormValue,
): FormResult<CreateToolRequest> {
  const errors: Record<string, string> = {};
  const name = value.name.trim();
  const description = value.description.trim();
  const resource = value.resource.trim();
  const url = value.url.trim();

  const nameError = nameProblem(name, 'tool');
  if (nameError) {
    errors['name'] = nameError;
  }
  if (description.length > TOOL_DESCRIPTION_MAX) {
    errors['description'] = `Use at most ${TOOL_DESCRIPTION_MAX} characters.`;
  }
  if (resource.length > TOOL_RESOURCE_MAX) {
    errors['resource'] = `Use at most ${TOOL_RESOURCE_MAX} characters.`;
  }

  let inputSchema: Record<string, unknown> | undefined;
  if (value.inputSchema.trim()) {
    const parsed = parseJsonObject(value.inputSchema);
    if (parsed.ok) {
      inputSchema = parsed.value;
    } else {
      errors['inputSchema'] = parsed.message;
    }
  }

  const target: CreateToolRequest['target'] = { type: value.targetType };
  if (value.targetType === 'http') {
    const urlError = checkUrl(url);
    if (urlError) {
      errors['target.url'] = urlError;
    } else {
      target.url = url;
    }
    if (value.timeoutMs !== null) {
      if (
        !Number.isInteger(value.timeoutMs) ||
        value.timeoutMs < TOOL_TIMEOUT_MIN_MS ||
        value.timeoutMs > TOOL_TIMEOUT_MAX_MS
      ) {
        errors['target.timeoutMs'] =
          `Use a whole number of milliseconds from ${TOOL_TIMEOUT_MIN_MS} to ${TOOL_TIMEOUT_MAX_MS}.`;
      } else {
        target.timeoutMs = value.timeoutMs;
      }
    }
  }

  if (Object.keys(errors).length > 0) {
    return invalid(errors);
  }
  return valid({
    name,
    ...(description ? { description } : {}),
    ...(inputSchema ? { inputSchema } : {}),
    ...(resource ? { resource } : {}),
    target,
  });
}

function checkUrl(url: string): string | null {
  if (!url) {
    return 'An HTTP tool needs the URL to call.';
  }
  if (url.length > TOOL_URL_MAX) {
    return `Use at most ${TOOL_URL_MAX} characters.`;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'Enter a full URL such as https://api.example.com/search.';
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:'
    ? null
    : 'Use an http:// or https:// URL.';
}
