import { render } from 'preact';
import { setDocumentLanguage } from '@/lib/i18n';
import { App, loadEverything } from '@/components/App';
import '@/components/styles.css';

// The requests start before the first render: the popup's first code is on the clock.
setDocumentLanguage();
render(<App initial={loadEverything()} />, document.getElementById('app')!);
