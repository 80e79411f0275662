import { useAuth } from "@workos-inc/authkit-react";
import { LogIn } from "lucide-react";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { currentPath } from "../returnTo";

/**
 * Modal, with no way to dismiss it: the app behind it is inert, but stays
 * on screen with what was typed, which is kept on this device and sent
 * after signing in again as the same person.
 */
export default function SessionEndedDialog() {
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
