import { Component, type ErrorInfo, type ReactNode } from "react";
import { RotateCcw } from "lucide-react";
import { Button } from "@/components/ui/Button";
import { errorMessage } from "@/lib/errors";

type Props = { children: ReactNode; title?: string };
type State = { error: unknown };

/**
 * Shows a calm message and Try again instead of a blank page when a view
 * throws (a failed query, a bug). Try again re-renders, which re-subscribes.
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
    return (
      <div
        role="alert"
        className="flex flex-col items-start gap-3 rounded-lg border border-red-300 bg-red-50 p-4 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
      >
        <p className="font-semibold">
          {this.props.title ?? "This view could not be shown."}
        </p>
        <p className="text-sm">{errorMessage(this.state.error)}</p>
        <Button onClick={() => this.setState({ error: null })}>
          <RotateCcw aria-hidden className="size-4" />
          Try again
        </Button>
      </div>
    );
  }
}
