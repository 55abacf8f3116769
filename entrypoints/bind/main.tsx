import { render } from 'preact';
import { setDocumentLanguage } from '@/lib/i18n';
import { BindPage } from '@/components/bind/BindPage';
import '@/components/styles.css';
import '@/components/bind/bind.css';

// Opened by the background when a person presses the key on a site no account is bound to. The
// address holds only the request's id; the site comes from the background's record of the sender.
const requestId = new URLSearchParams(location.search).get('request') ?? '';
setDocumentLanguage();
render(<BindPage requestId={requestId} />, document.getElementById('app')!);
