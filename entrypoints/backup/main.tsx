import { render } from 'preact';
import { setDocumentLanguage } from '@/lib/i18n';
import { BackupPage } from '@/components/backup/BackupPage';
import '@/components/styles.css';
import '@/components/backup/backup.css';

// A full tab rather than the popup: a file picker closes a popup before the file arrives.
setDocumentLanguage();
render(<BackupPage />, document.getElementById('app')!);
