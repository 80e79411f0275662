import { useAuth } from "@workos-inc/authkit-react";
import { Trash2 } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import type { FunctionReturnType } from "convex/server";
import { api } from "@convex/_generated/api";
import { Button } from "@/components/ui/Button";
import { clearLocalCache } from "@/lib/localCache";
import { attempt } from "@/lib/notify";
import { useOutboxMutation } from "@/lib/outbox";
import { useSignedInQuery } from "@/lib/signedInQueries";

const CONFIRM_WORD = "DELETE";

type DeletionStatus = FunctionReturnType<typeof api.account.deletionStatus>;

function DeletionProgress({ status }: { status: DeletionStatus | undefined }) {
  const { signOut } = useAuth();
  const done = status?.status === "done";
  const counting = !status || status.status === "counting";
  const label = done
    ? "All your data has been deleted."
    : counting
      ? "Counting your data…"
      : `Deleting… ${status.deleted} of ${status.total} items`;
  return (
    <div className="flex flex-col gap-2">
      <div
        role="progressbar"
        aria-label="Deleting your data"
        aria-valuemin={0}
        aria-valuemax={counting ? undefined : status.total}
        aria-valuenow={counting ? undefined : status.deleted}
        aria-valuetext={label}
        className="h-2 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
      >
        <div
          className="h-full bg-red-700 transition-[width] dark:bg-red-400"
          style={{
            width:
              counting || status.total === 0
                ? done
                  ? "100%"
                  : "0%"
                : `${Math.round((100 * status.deleted) / status.total)}%`,
          }}
        />
      </div>
      <p role="status" className="text-sm">
        {label}
      </p>
      {done ? (
        <div className="flex flex-col items-start gap-2">
          <p className="text-sm text-slate-700 dark:text-slate-300">
            Your account’s sign-in stays with WorkOS; sign out to finish.
          </p>
          <Button
            variant="primary"
            onClick={() => signOut({ returnTo: window.location.origin })}
          >
            Sign out
          </Button>
        </div>
      ) : null}
    </div>
  );
}

/**
 * Delete my data, in a danger zone: the person types DELETE to confirm,
 * then the backend deletes in batches and reports progress live.
 */
export function DeleteSection() {
  const [step, setStep] = useState<"idle" | "confirm" | "started">("idle");
  const [typed, setTyped] = useState("");
  const deleteMyData = useOutboxMutation(api.account.deleteMyData);
  // Also shows a deletion still running when Settings is opened again.
  const status = useSignedInQuery(api.account.deletionStatus, {});
  const running = status != null && status.status !== "done";
  const fieldId = useId();
  const field = useRef<HTMLInputElement>(null);

  const start = async () => {
    const started = await attempt(
      () => deleteMyData({}).then(() => true),
      "delete your data",
    );
    if (started) {
      setStep("started");
      // Nothing of the deleted data stays in this browser.
      await clearLocalCache();
    }
  };
  // Again once the last batch is gone: the day view saved some meanwhile.
  const done = status?.status === "done";
  useEffect(() => {
    if (done && step === "started") void clearLocalCache();
  }, [done, step]);

  return (
    <section
      aria-labelledby="danger-heading"
      className="flex flex-col gap-3 rounded-lg border border-red-300 p-4 dark:border-red-800"
    >
      <h3
        id="danger-heading"
        className="font-medium text-red-800 dark:text-red-300"
      >
        Danger zone
      </h3>
      {step === "started" || running ? (
        <DeletionProgress status={status} />
      ) : (
        <>
          <p className="text-sm text-slate-700 dark:text-slate-300">
            Deletes every day, todo, note and label you have, and your profile.
            This cannot be undone; export your data first if you may want it.
          </p>
          {step === "idle" ? (
            <Button
              variant="danger"
              className="self-start"
              onClick={() => {
                setStep("confirm");
                setTimeout(() => field.current?.focus(), 0);
              }}
            >
              <Trash2 aria-hidden className="size-4" />
              Delete my data
            </Button>
          ) : (
            <form
              className="flex flex-col gap-2"
              onSubmit={(event) => {
                event.preventDefault();
                if (typed === CONFIRM_WORD) void start();
              }}
            >
              <label htmlFor={fieldId} className="text-sm font-medium">
                Type {CONFIRM_WORD} to confirm
              </label>
              <input
                ref={field}
                id={fieldId}
                value={typed}
                autoComplete="off"
                spellCheck={false}
                onChange={(event) => setTyped(event.target.value)}
                className="min-h-10 rounded-md border border-slate-300 bg-white px-3 dark:border-slate-700 dark:bg-slate-950"
              />
              <div className="flex gap-2">
                <Button
                  type="submit"
                  variant="danger"
                  disabled={typed !== CONFIRM_WORD}
                >
                  Delete everything
                </Button>
                <Button
                  onClick={() => {
                    setStep("idle");
                    setTyped("");
                  }}
                >
                  Cancel
                </Button>
              </div>
            </form>
          )}
        </>
      )}
    </section>
  );
}
