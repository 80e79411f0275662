import type { SessionCookieData, User } from "@workos-inc/node";

/** WorkOS's wire shape of a user, which authkit-js deserializes. */
function toUserResponse(user: User) {
  return {
    object: user.object,
    id: user.id,
    email: user.email,
    email_verified: user.emailVerified,
    first_name: user.firstName,
    last_name: user.lastName,
    profile_picture_url: user.profilePictureUrl,
    last_sign_in_at: user.lastSignInAt,
    locale: user.locale,
    external_id: user.externalId,
    metadata: user.metadata,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
  };
}

/**
 * The body authkit-js expects from /authenticate, in WorkOS's snake_case,
 * without the refresh token: that stays in the HttpOnly cookie. Made from
 * WorkOS's answer or from an unsealed session, which hold the same fields.
 */
export function toBrowserAuthenticationResponse(result: SessionCookieData) {
  return {
    user: toUserResponse(result.user),
    access_token: result.accessToken,
    authentication_method: result.authenticationMethod,
    ...(result.organizationId && { organization_id: result.organizationId }),
    ...(result.impersonator && { impersonator: result.impersonator }),
  };
}
