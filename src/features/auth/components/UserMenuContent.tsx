import { useAuth } from "@workos-inc/authkit-react";
import { LogOut } from "lucide-react";
import { useState } from "react";
import { UserMenuButton } from "./UserMenu";
import Menu from "../../../components/ui/MenuImpl";

/**
 * The signed-in person's menu: who is signed in, and Sign out. (The theme
 * lives in Settings, its one place.) Sign out hands over to
 * WorkOS, which ends the session and then returns here; nothing navigates
 * before it.
 */
export default function UserMenuContent() {
  const { user, signOut } = useAuth();
  const [signingOut, setSigningOut] = useState(false);
  if (!user) return null;

  const onSignOut = () => {
    setSigningOut(true);
    try {
      signOut({ returnTo: window.location.origin });
    } catch {
      // No session left to end (it expired): start over signed out.
      window.location.assign("/");
    }
  };

  return (
    <Menu
      trigger={<UserMenuButton user={user} disabled={signingOut} />}
      entries={[
        {
          type: "label",
          label: <span className="block truncate">{user.email}</span>,
        },
        { type: "separator" },
        {
          type: "item",
          label: "Sign out",
          icon: <LogOut className="size-4" />,
          onSelect: onSignOut,
        },
      ]}
    />
  );
}
