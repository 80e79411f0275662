import { useAuth } from "@workos-inc/authkit-react";
import { LogIn, WifiOff } from "lucide-react";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { currentPath } from "../returnTo";
import { useSession } from "./SessionProvider";

export const RETRYING_TEXT = "Can't reach sign-in — retrying";

/**
 * What the signed-in app shows about its session: a quiet notice while
 * sign-in cannot be reached (the person stays signed in and can keep
 * working), and a dialog once the session has truly ended.
 */
export function SessionNotices() {
  const { status } = useSession();
  if (status === "ended") return <SessionEndedDialog />;
  return (
    <div
      role="status"
      className="pointer-events-none fixed inset-x-0 bottom-4 z-30 flex justify-center px-4"
    >
      {status === "retrying" ? (
        <p className="flex items-center gap-2 rounded-full border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900 shadow-sm dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          <WifiOff aria-hidden className="size-4" />
          {RETRYING_TEXT}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Modal, with no way to dismiss it: the app behind it is inert, but stays
 * on screen with what was typed, which is kept on this device and sent
 * after signing in again as the same person.
 */
function SessionEndedDialog() {
  const { signIn } = useAuth();
  return (
    <Dialog
      open
      onOpenChange={() => {}}
      title="Your session ended"
      size="sm"
      hideClose
      description="Sign in again to carry on. What you typed and any changes not sent yet are kept on this device and sent once you are back."
    >
      <div className="flex justify-end">
        <Button
          variant="primary"
          onClick={() => void signIn({ state: { returnTo: currentPath() } })}
        >
          <LogIn aria-hidden className="size-4" />
          Sign in again
        </Button>
      </div>
    </Dialog>
  );
}
