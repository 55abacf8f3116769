import { render } from 'preact';
import { setDocumentLanguage } from '@/lib/i18n';
import { Options } from '@/components/Options';
import '@/components/styles.css';

setDocumentLanguage();
render(<Options />, document.getElementById('app')!);
