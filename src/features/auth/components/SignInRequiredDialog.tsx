import { LogIn } from "lucide-react";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";

/** Explains why an action needs an account, with a way to sign in. */
export default function SignInRequiredDialog({
  open,
  onOpenChange,
  action,
  onSignIn,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** What the visitor tried to do, e.g. "add a todo". */
  action: string;
  onSignIn: () => void;
}) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Sign in required"
      size="sm"
      description={`Sign in to ${action}. Your todos and notes are private to your account.`}
    >
      <div className="flex justify-end gap-2">
        <Button onClick={() => onOpenChange(false)}>Not now</Button>
        <Button variant="primary" onClick={onSignIn}>
          <LogIn aria-hidden className="size-4" />
          Sign in
        </Button>
      </div>
    </Dialog>
  );
}
