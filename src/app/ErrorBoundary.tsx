import { Component, type ErrorInfo, type ReactNode } from "react";
import { RotateCcw } from "lucide-react";
import { Button } from "@/components/ui/Button";
import { errorMessage } from "@/lib/errors";

type Props = { children: ReactNode; title?: string };
type State = { error: unknown };

/**
 * A chunk of the app that could not be downloaded (a dropped connection):
 * the engines' messages for a failed dynamic import, in the error or in its
 * cause (when something wrapped it). Browsers remember such a failure for
 * the page's life, so asking again fails at once; only a reload fetches the
 * chunk again.
 */
function isFailedChunkLoad(error: unknown): boolean {
  const failedImport = (value: unknown) =>
    value instanceof TypeError &&
    /dynamically imported module|importing a module script failed/i.test(
      value.message,
    );
  return (
    failedImport(error) || (error instanceof Error && failedImport(error.cause))
  );
}

/**
 * Shows a calm message and Try again instead of a blank page when a view
 * throws (a failed query, a bug). Try again re-renders, which re-subscribes.
 * A part of the app that could not be downloaded offers Reload instead,
 * the one way to fetch it again.
 */
export class ErrorBoundary extends Component<Props, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  componentDidCatch(error: unknown, info: ErrorInfo) {
    // Kept for developers; no identity, tokens or data are logged.
    if (import.meta.env.DEV) console.error(error, info.componentStack);
  }

  render() {
    if (this.state.error === null) return this.props.children;
    // A missing chunk: asking again cannot fetch it; only a reload can.
    const recovery = isFailedChunkLoad(this.state.error)
      ? {
          message:
            "Part of Daybook could not be downloaded. Check your connection, then reload the page.",
          label: "Reload",
          recover: () => window.location.reload(),
        }
      : {
          message: errorMessage(this.state.error),
          label: "Try again",
          recover: () => this.setState({ error: null }),
        };
    return (
      <div
        role="alert"
        className="flex flex-col items-start gap-3 rounded-lg border border-red-300 bg-red-50 p-4 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
      >
        <p className="font-semibold">
          {this.props.title ?? "This view could not be shown."}
        </p>
        <p className="text-sm">{recovery.message}</p>
        <Button onClick={recovery.recover}>
          <RotateCcw aria-hidden className="size-4" />
          {recovery.label}
        </Button>
      </div>
    );
  }
}
