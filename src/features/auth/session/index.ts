export {
  SessionMonitor,
  sessionIsOver,
  type SessionStatus,
} from "./sessionMonitor";
export {
  mayHaveSession,
  SessionProvider,
  useAnnounceSignOut,
  useSession,
} from "./SessionProvider";
export { RETRYING_TEXT, SessionNotices } from "./SessionNotices";
export { startupRefreshLeft } from "./startupRefresh";
