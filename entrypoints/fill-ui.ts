import { attachFillButton } from '@/lib/autofill/ui';
import { installFillUi } from '@/lib/autofill/ui-loader';
import { injectedLifetime } from '@/lib/page/lifetime';

// Injected on demand by the background (autofill/loadUi) into the one frame whose content script found a
// code field: the key button, chooser, notes and click guard stay out of the script every page gets.
// It lives as long as the content script's context (lib/page/lifetime.ts), whose controller removes the buttons.
export default defineUnlistedScript(() => installFillUi({ attachFillButton }, injectedLifetime().signal));
