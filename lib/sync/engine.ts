import type { DeviceInfo, RecordVersion } from './merge';
import type { KeyHeader, ReplicaState } from './format';
import { toHex, utf8 } from '@/lib/vault/bytes';
import { sha256 } from '@/lib/vault/crypto';

/**
 * One small interface for every place a vault can sync through. An engine moves sealed state; it
 * never sees a key it could keep (the master key is a non-extractable CryptoKey) nor plaintext.
 */
export interface RemoteReplica {
  vaultId: string;
  device: DeviceInfo;
  writtenAt: number;
  key: KeyHeader;
  /** Changes whenever the stored bytes change (a digest): unchanged replicas need not be opened again. */
  fingerprint: string;
  /** Checks the header with `masterKey` (`sync_tampered` when it is not from a holder of that key). */
  verify(masterKey: CryptoKey): Promise<void>;
  /** Opens every record; any failure refuses the whole replica. */
  open(masterKey: CryptoKey): Promise<RecordVersion[]>;
}

export interface SyncEngine {
  readonly kind: 'webdav' | 'browser';
  /** Every replica stored remotely (this browser's own one included, when there is one). */
  read(): Promise<RemoteReplica[]>;
  /** Publishes this browser's merged state; answers the fingerprint the written replica will have. */
  write(masterKey: CryptoKey, state: ReplicaState): Promise<string>;
}

export async function digest(text: string): Promise<string> {
  return toHex((await sha256(utf8(text))).subarray(0, 16));
}
