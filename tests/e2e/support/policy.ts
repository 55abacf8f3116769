import { constants } from 'node:fs';
import { access, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { EXTENSION_DIR, unpackedExtensionId } from './browser';

/** Debian's Chromium reads every JSON file here as mandatory ("managed") policy, and watches the folder. */
export const CHROMIUM_MANAGED_POLICY_DIR = process.env.KEYRING_POLICY_DIR ?? '/etc/chromium/policies/managed';

/**
 * A copy of the built extension in a fresh folder, and a real Chromium policy file that names only that
 * copy's id (an unpacked extension's id comes from its folder's path): other agents' browsers on this
 * machine read the same folder, but no other extension id is touched. `dispose` removes both.
 */
export interface ManagedExtension {
  extensionDir: string;
  extensionId: string;
  /** Writes (or rewrites) the policy for this extension's id only. */
  setPolicy(policy: Record<string, unknown>): Promise<void>;
  dispose(): Promise<void>;
}

export async function managedExtensionCopy(): Promise<ManagedExtension> {
  const root = await mkdtemp(join(tmpdir(), 'keyring-managed-'));
  const extensionDir = join(root, 'extension');
  await cp(EXTENSION_DIR, extensionDir, { recursive: true });
  const extensionId = unpackedExtensionId(extensionDir);
  const policyFile = join(CHROMIUM_MANAGED_POLICY_DIR, `keyring-test-${extensionId}.json`);
  return {
    extensionDir,
    extensionId,
    async setPolicy(policy) {
      await mkdir(CHROMIUM_MANAGED_POLICY_DIR, { recursive: true });
      // Written whole under another name, then renamed: Chromium never reads half a file.
      const temp = `${policyFile}.tmp`;
      await writeFile(temp, JSON.stringify({ '3rdparty': { extensions: { [extensionId]: policy } } }, null, 2));
      await cp(temp, policyFile);
      await rm(temp, { force: true });
    },
    async dispose() {
      await rm(policyFile, { force: true });
      await rm(`${policyFile}.tmp`, { force: true });
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** The policy folder (or the nearest existing parent it would be made in) is writable: root on Debian. */
export async function canWritePolicies(): Promise<boolean> {
  for (let dir = CHROMIUM_MANAGED_POLICY_DIR; ; dir = dirname(dir)) {
    const exists = await access(dir).then(() => true, () => false);
    if (exists) return access(dir, constants.W_OK).then(() => true, () => false);
    if (dirname(dir) === dir) return false;
  }
}
