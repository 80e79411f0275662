import type { User } from "@workos-inc/authkit-react";

export function displayName(user: User): string {
  const full = [user.firstName, user.lastName].filter(Boolean).join(" ").trim();
  return full || user.email;
}

/** What users.syncProfile accepts from the AuthKit user object. */
export function profileArgs(user: User) {
  const picture = user.profilePictureUrl ?? undefined;
  return {
    name: displayName(user).slice(0, 200),
    email: user.email.slice(0, 200),
    // The backend only stores https pictures; others are simply not sent.
    pictureUrl: picture?.startsWith("https://") ? picture : undefined,
  };
}
