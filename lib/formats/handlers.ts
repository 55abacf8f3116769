import type { BackgroundDeps } from '@/lib/messaging/handlers';
import type { HandlersOf } from '@/lib/messaging/router';
import type { BackupProtocol } from './protocol';

/** Browser capabilities these handlers need, given by entrypoints/background.ts (kept out so lib/ stays testable). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the feature
export interface BackupDeps {}

export function createBackupHandlers(_deps: BackgroundDeps & BackupDeps): HandlersOf<BackupProtocol> {
  return {};
}
