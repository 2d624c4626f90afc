import { GOVERNANCE_ERROR_STATUS } from './errors';

describe('GOVERNANCE_ERROR_STATUS', () => {
  it('maps each code to the status SPEC section 4 gives it', () => {
    expect(GOVERNANCE_ERROR_STATUS).toEqual({
      PLUGIN_NOT_FOUND: 404,
      PLUGIN_NOT_AVAILABLE: 403,
      USER_CUSTOMIZATION_DISABLED: 403,
      MANDATORY_PLUGIN: 409,
      OVERRIDE_NOT_ALLOWED: 409,
      VALIDATION_FAILED: 422,
      CONFIG_INVALID: 422,
      PLUGIN_CONFLICT: 409,
      PLUGIN_REQUIREMENT_MISSING: 409,
    });
  });
});
