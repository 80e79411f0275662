import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useState,
  type ReactNode,
} from "react";
import { takeSignedOutDrafts } from "./signedOutDrafts";

/**
 * Text typed into open fields (the add field, a note, an inline editor),
 * kept per user until it is saved, so a reload, a crash or an ended session
 * (and the sign-in that follows, in the same tab) loses none of it. Only the
 * user who typed it gets it back; signing in as someone else discards it.
 *
 * Kept in sessionStorage, which belongs to one tab and outlives its
 * reloads: text half-typed in one tab must not turn up in another tab's
 * field, where it could be added a second time.
 */

const PREFIX = "daybook:draft:";
/** Drafts nobody came back to (e.g. of a deleted note) go after this long. */
const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

type Stored<T> = { value: T; savedAt: number };

const keyFor = (userId: string, name: string) =>
  `${PREFIX}${encodeURIComponent(userId)}:${name}`;

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

function keysWithPrefix(prefix: string): string[] {
  const local = storage();
  if (!local) return [];
  const keys: string[] = [];
  for (let i = 0; i < local.length; i++) {
    const key = local.key(i);
    if (key?.startsWith(prefix)) keys.push(key);
  }
  return keys;
}

/** Reads a kept draft (undefined: none, or unreadable). */
export function readDraft<T>(userId: string, name: string): T | undefined {
  try {
    const raw = storage()?.getItem(keyFor(userId, name));
    if (!raw) return undefined;
    return (JSON.parse(raw) as Stored<T>).value;
  } catch {
    return undefined;
  }
}

export function writeDraft<T>(userId: string, name: string, value: T) {
  try {
    const stored: Stored<T> = { value, savedAt: Date.now() };
    storage()?.setItem(keyFor(userId, name), JSON.stringify(stored));
  } catch {
    // Storage full or blocked: the draft lives on screen only.
  }
}

export function removeDraft(userId: string, name: string) {
  try {
    storage()?.removeItem(keyFor(userId, name));
  } catch {
    // Nothing to remove.
  }
}

/** Forgets every draft `userId` left (signing out). */
export function clearKeptDrafts(userId: string) {
  const local = storage();
  for (const key of keysWithPrefix(keyFor(userId, ""))) local?.removeItem(key);
}

/**
 * Hands what was typed signed out (lib/signedOutDrafts) to `userId`, after
 * any text of theirs.
 */
function adoptSignedOutDrafts(userId: string) {
  for (const { name, text } of takeSignedOutDrafts()) {
    const own = readDraft<string>(userId, name);
    writeDraft(userId, name, own?.trim() ? `${own}\n${text}` : text);
  }
}

/** Discards other users' drafts, and this user's abandoned ones. */
function keepOnlyDraftsOf(userId: string) {
  const local = storage();
  if (!local) return;
  const own = keyFor(userId, "");
  for (const key of keysWithPrefix(PREFIX)) {
    let stale = !key.startsWith(own);
    if (!stale) {
      try {
        const { savedAt } = JSON.parse(
          local.getItem(key) ?? "",
        ) as Stored<unknown>;
        stale = !(Date.now() - savedAt < MAX_AGE_MS);
      } catch {
        stale = true;
      }
    }
    if (stale) local.removeItem(key);
  }
}

const UserContext = createContext<string | null>(null);

/** Drafts below are kept for `userId`; other users' are discarded. */
export function KeptDraftsProvider({
  userId,
  children,
}: {
  userId: string;
  children: ReactNode;
}) {
  // Before any field below reads its draft (a render-time update: the
  // children render only after it).
  const [cleanedFor, setCleanedFor] = useState<string | null>(null);
  if (cleanedFor !== userId) {
    if (userId) {
      keepOnlyDraftsOf(userId);
      adoptSignedOutDrafts(userId);
    }
    setCleanedFor(userId);
  }
  return (
    <UserContext.Provider value={userId || null}>
      {children}
    </UserContext.Provider>
  );
}

/** The signed-in user drafts are kept for (null outside the app: not kept). */
export function useDraftOwner(): string | null {
  return useContext(UserContext);
}

/** Whether a draft is kept under `name` for the signed-in user. */
export function useHasKeptDraft(name: string): boolean {
  const owner = useDraftOwner();
  const [has] = useState(() =>
    owner ? readDraft<unknown>(owner, name) !== undefined : false,
  );
  return has;
}

/**
 * A field's text kept under `name` (null: not kept): starts from the kept
 * draft, else `initial`; every change is kept until `forget` (the text was
 * submitted, or the edit ended).
 */
export function useKeptText(name: string | null, initial = "") {
  const owner = useDraftOwner();
  const user = name ? owner : null;
  const [value, setValue] = useState(
    () => (user && name ? readDraft<string>(user, name) : undefined) ?? initial,
  );
  const change = useCallback(
    (next: string) => {
      setValue(next);
      if (user && name) writeDraft(user, name, next);
    },
    [user, name],
  );
  const forget = useCallback(() => {
    if (user && name) removeDraft(user, name);
  }, [user, name]);
  return useMemo(
    () => ({ value, setValue: change, forget }),
    [value, change, forget],
  );
}
