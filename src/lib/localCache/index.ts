export { CACHE_KEY_COOKIE, cacheKeyOf, readCacheKeyCookie } from "./cacheKey";
export {
  clearLocalCache,
  isCachedQuery,
  LocalCache,
  MAX_CACHED_DAYS,
  pageLocalCache,
} from "./localCache";
export {
  LocalCacheProvider,
  useCachedResult,
  useKeepLocalCachePrivate,
  useLocalCache,
  useSavedCopyOwner,
  useShowingSavedCopy,
} from "./LocalCacheProvider";
export { SAVED_COPY_TEXT, SavedCopyIndicator } from "./SavedCopyIndicator";
export {
  browserCacheStore,
  createMemoryCacheStore,
  type CacheEntry,
  type CacheOwner,
  type LocalCacheStore,
} from "./store";
