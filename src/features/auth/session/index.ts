export { SessionMonitor, type SessionStatus } from "./sessionMonitor";
export { mayHaveSession, SessionProvider, useSession } from "./SessionProvider";
export { RETRYING_TEXT, SessionNotices } from "./SessionNotices";
