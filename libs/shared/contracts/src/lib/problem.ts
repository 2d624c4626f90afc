/** RFC 9457 problem details as every Plugboard API error is shaped. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  requestId?: string;
  /** Field errors: JSON pointer (or property path) and message. */
  errors?: { pointer: string; message: string }[];
  suggestions?: string[];
  [extra: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
