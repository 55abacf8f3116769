/** Messages of backup export and import (extension pages only). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the backup feature
export interface BackupProtocol {}
