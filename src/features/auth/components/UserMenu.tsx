import { useAuth } from "@workos-inc/authkit-react";
import { LogOut } from "lucide-react";
import { useState } from "react";
import { useConfirm } from "@/components/ui/confirm";
import { Menu } from "@/components/ui/Menu";
import { UserText } from "@/components/ui/UserText";
import { clearLocalCache } from "@/lib/localCache";
import { clearOutbox, useUnsentChangeCount } from "@/lib/outbox";
import { displayName } from "../profile";
import { useAnnounceSignOut } from "../session";

export function Avatar({ name, url }: { name: string; url?: string | null }) {
  const [failed, setFailed] = useState(false);
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join("");
  if (url && !failed) {
    return (
      <img
        src={url}
        alt=""
        referrerPolicy="no-referrer"
        onError={() => setFailed(true)}
        className="size-7 rounded-full object-cover"
      />
    );
  }
  // Drawn by CSS, not as text, so the button's visible text stays its name
  // (WCAG "label in name").
  return (
    <span
      aria-hidden
      data-initials={initials || "?"}
      className="flex size-7 items-center justify-center rounded-full bg-indigo-700 text-xs font-semibold text-white before:content-[attr(data-initials)] dark:bg-indigo-400 dark:text-slate-950"
    />
  );
}

/**
 * The signed-in person's menu: who is signed in, and Sign out. (The theme
 * lives in Settings, its one place.) Sign out hands over to WorkOS, which
 * ends the session and then returns here; nothing navigates before it.
 */
export function UserMenu() {
  const { user, signOut } = useAuth();
  const [signingOut, setSigningOut] = useState(false);
  const unsent = useUnsentChangeCount();
  const confirm = useConfirm();
  const announceSignOut = useAnnounceSignOut();
  if (!user) return null;
  const name = displayName(user);

  const onSignOut = async () => {
    if (unsent > 0) {
      const ok = await confirm({
        title: "Sign out with unsent changes?",
        description: `${unsent === 1 ? "1 change has" : `${unsent} changes have`} not reached the server yet. If you sign out now, ${unsent === 1 ? "it is" : "they are"} lost, along with any text you have not added yet.`,
        confirmLabel: "Sign out anyway",
        cancelLabel: "Stay signed in",
        destructive: true,
      });
      if (!ok) return;
    }
    setSigningOut(true);
    // Nothing of this person's stays behind in this browser, and none of
    // their other tabs stays signed in.
    await Promise.all([clearOutbox(user.id), clearLocalCache()]);
    announceSignOut();
    try {
      signOut({ returnTo: window.location.origin });
    } catch {
      // No session left to end (it expired): start over signed out.
      window.location.assign("/");
    }
  };

  return (
    <Menu
      trigger={(props) => (
        <button
          {...props}
          type="button"
          aria-label={`Account menu for ${name}`}
          disabled={signingOut}
          className="flex min-h-10 items-center gap-2 rounded-md px-2 text-sm text-slate-800 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
        >
          <Avatar name={name} url={user.profilePictureUrl} />
          <UserText className="hidden max-w-32 truncate sm:inline">
            {name}
          </UserText>
        </button>
      )}
      entries={[
        {
          type: "label",
          label: <UserText className="block truncate">{user.email}</UserText>,
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
