import { parsePolicy, type ManagedPolicy } from './policy';

/** Where the background reads the policy: storage.managed in the browser (browser-source.ts), a value in tests. */
export interface PolicySource {
  current(): Promise<ManagedPolicy>;
}

export function fixedPolicy(raw: unknown): PolicySource {
  const policy = parsePolicy(raw);
  return { current: async () => policy };
}

/** No policy: every rule absent. */
export const NO_POLICY: PolicySource = { current: async () => ({}) };
