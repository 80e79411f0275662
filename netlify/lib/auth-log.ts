/**
 * The only logging the sign-in functions do. It takes fixed wording and
 * status/error codes, never a token, code, cookie, email or raw error
 * object (WorkOS errors can carry request and response bodies).
 */
export function logAuthProblem(route: string, what: string) {
  console.warn(`[auth:${route}] ${what}`);
}
