import {
  type FormResult,
  invalid,
  valid,
} from '../../../core/forms/form-result';
import { nameProblem } from '../../../core/forms/name-rule';
import type { CreateServerRequest } from '../../../core/servers/servers-api';

// The API's limit (CreateServerDto).
export const SERVER_DESCRIPTION_MAX = 2000;

export interface NewServerFormValue {
  name: string;
  description: string;
  /** '' for a personal server. */
  teamId: string;
}

export function buildCreateServerRequest(
  value: NewServerFormValue,
): FormResult<CreateServerRequest> {
  const name = value.name.trim();
  const description = value.description.trim();
  const errors: Record<string, string> = {};
  const nameError = nameProblem(name, 'server');
  if (nameError) {
    errors['name'] = nameError;
  }
  if (description.length > SERVER_DESCRIPTION_MAX) {
    errors['description'] = `Use at most ${SERVER_DESCRIPTION_MAX} characters.`;
  }
  if (Object.keys(errors).length > 0) {
    return invalid(errors);
  }
  return valid({
    name,
    ...(description ? { description } : {}),
    ...(value.teamId ? { teamId: value.teamId } : {}),
  });
}
