/**
 * Small records the background keeps between service-worker restarts but never on disk and never where
 * a content script can read them (entrypoints/background.ts backs this with `storage.session`, whose
 * access level is TRUSTED_CONTEXTS); tests use `memoryMap`.
 */
export interface SessionMap<T> {
  get(key: string): Promise<T | undefined>;
  set(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
  entries(): Promise<[string, T][]>;
}

export function memoryMap<T>(): SessionMap<T> {
  const map = new Map<string, T>();
  return {
    get: async (key) => map.get(key),
    set: async (key, value) => void map.set(key, value),
    delete: async (key) => void map.delete(key),
    entries: async () => [...map.entries()],
  };
}
