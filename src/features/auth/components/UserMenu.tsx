import { useAuth, type User } from "@workos-inc/authkit-react";
import {
  forwardRef,
  lazy,
  Suspense,
  useState,
  type ButtonHTMLAttributes,
} from "react";
import { displayName } from "../profile";

// The menu itself loads right after the first paint; the button shows at once.
const UserMenuContent = lazy(() => import("./UserMenuContent"));

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

/** The menu's button; forwards Radix's trigger props and ref. */
export const UserMenuButton = forwardRef<
  HTMLButtonElement,
  { user: User } & ButtonHTMLAttributes<HTMLButtonElement>
>(function UserMenuButton({ user, ...props }, ref) {
  const name = displayName(user);
  return (
    <button
      ref={ref}
      type="button"
      aria-label={`Account menu for ${name}`}
      {...props}
      className="flex min-h-10 items-center gap-2 rounded-md px-2 text-sm text-slate-800 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
    >
      <Avatar name={name} url={user.profilePictureUrl} />
      <span className="hidden max-w-32 truncate sm:inline">{name}</span>
    </button>
  );
});

/** The signed-in person's menu: who is signed in, and Sign out. */
export function UserMenu() {
  const { user } = useAuth();
  if (!user) return null;
  return (
    <Suspense fallback={<UserMenuButton user={user} />}>
      <UserMenuContent />
    </Suspense>
  );
}
