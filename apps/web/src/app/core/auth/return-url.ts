export const SIGN_IN_PATH = '/sign-in';
export const HOME_PATH = '/servers';

/**
 * Where to go after signing in. Only same-app absolute paths are followed, so a crafted
 * `?returnUrl=https://evil.example` (or `//evil.example`) cannot send the user off-site.
 */
export function safeReturnUrl(returnUrl: string | null | undefined): string {
  if (
    !returnUrl ||
    !returnUrl.startsWith('/') ||
    returnUrl.startsWith('//') ||
    returnUrl.startsWith('/\\')
  ) {
    return HOME_PATH;
  }
  if (
    returnUrl === SIGN_IN_PATH ||
    returnUrl.startsWith(`${SIGN_IN_PATH}?`) ||
    returnUrl.startsWith(`${SIGN_IN_PATH}/`)
  ) {
    return HOME_PATH;
  }
  return returnUrl;
}
