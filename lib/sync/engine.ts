import type { DeviceInfo, RecordVersion } from './merge';
import type { KeyHeader, ReplicaState } from './format';

/**
 * One small interface for every place a vault can sync through. An engine moves sealed state; it
 * never sees a key it could keep (the master key is a non-extractable CryptoKey) nor plaintext.
 */
export interface RemoteReplica {
  vaultId: string;
  device: DeviceInfo;
  writtenAt: number;
  key: KeyHeader;
  /** Checks the header with `masterKey` (`sync_tampered` when it is not from a holder of that key). */
  verify(masterKey: CryptoKey): Promise<void>;
  /** Opens every record; any failure refuses the whole replica. */
  open(masterKey: CryptoKey): Promise<RecordVersion[]>;
}

export interface SyncEngine {
  readonly kind: 'webdav' | 'browser';
  /** Every replica stored remotely (this browser's own one included, when there is one). */
  read(): Promise<RemoteReplica[]>;
  /** Publishes this browser's merged state. */
  write(masterKey: CryptoKey, state: ReplicaState): Promise<void>;
}
