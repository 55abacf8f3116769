import { attachFillButton } from '@/lib/autofill/ui';
import { installFillUi } from '@/lib/autofill/ui-loader';

// Injected on demand by the background (autofill/loadUi) into the one frame whose content script found a
// code field: the key button, chooser, notes and click guard stay out of the script every page gets.
export default defineUnlistedScript(() => installFillUi({ attachFillButton }));
