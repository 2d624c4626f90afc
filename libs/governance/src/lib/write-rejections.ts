/** Builders of rejected write results, with the status of each code. */
import { GOVERNANCE_ERROR_STATUS, type GovernanceErrorCode } from './errors';
import type {
  ScopedChainProblem,
  ScopedConfigError,
  WriteRejected,
} from './write-check.types';

export function configRejection(
  what: string,
  errors: ScopedConfigError[],
): WriteRejected {
  const first = errors[0];
  const detail = first
    ? `${what}: ${first.pointer || '(root)'} ${first.message}`
    : what;
  return {
    ...rejectWrite('CONFIG_INVALID', detail, [
      'Fix the fields listed in errors and retry',
    ]),
    errors,
  };
}

export function rejectWrite(
  code: GovernanceErrorCode,
  detail: string,
  suggestions: string[],
  problems?: ScopedChainProblem[],
): WriteRejected {
  const rejected: WriteRejected = {
    ok: false,
    status: GOVERNANCE_ERROR_STATUS[code],
    code,
    detail,
    suggestions,
  };
  if (problems) rejected.problems = problems;
  return rejected;
}
