/**
 * A problem with this machine's set-up that the message alone explains
 * (a port taken, a tool missing), so launchers print it without a stack
 * trace.
 */
export class StackSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackSetupError";
  }
}
