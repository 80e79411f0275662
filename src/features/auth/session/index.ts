export { SessionMonitor, type SessionStatus } from "./sessionMonitor";
export {
  SessionProvider,
  useAnnounceSignOut,
  useSession,
} from "./SessionProvider";
export { RETRYING_TEXT, SessionNotices } from "./SessionNotices";
