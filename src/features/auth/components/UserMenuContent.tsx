import { useAuth } from "@workos-inc/authkit-react";
import { LogOut, Monitor, Moon, Sun } from "lucide-react";
import { useState } from "react";
import { UserMenuButton } from "./UserMenu";
import Menu from "../../../components/ui/MenuImpl";
import { useTheme, type Theme } from "../../../lib/theme";

/**
 * The signed-in person's menu: theme and Sign out. Sign out hands over to
 * WorkOS, which ends the session and then returns here; nothing navigates
 * before it.
 */
export default function UserMenuContent() {
  const { user, signOut } = useAuth();
  const { theme, setTheme } = useTheme();
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
        { type: "label", label: "Theme" },
        {
          type: "radio",
          value: theme,
          onValueChange: (value) => setTheme(value as Theme),
          options: [
            {
              value: "light",
              label: "Light",
              icon: <Sun className="size-4" />,
            },
            { value: "dark", label: "Dark", icon: <Moon className="size-4" /> },
            {
              value: "system",
              label: "System",
              icon: <Monitor className="size-4" />,
            },
          ],
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
