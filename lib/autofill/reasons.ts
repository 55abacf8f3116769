/**
 * Why nothing is filled or bound, as codes: each has one message `reason_<code>` in
 * public/_locales/<lang>/messages.json (a clause: it is shown after “Nothing to fill: ” or “Not added: ”).
 * The arrays are the codes at run time, so tests/unit/errors.test.ts checks every one has its message.
 */

/** Why a frame is no place to fill or bind a code (site.ts). */
export const SITE_REFUSALS = [
  'sandboxed_frame',
  'no_web_address',
  'no_registrable_domain',
  'fill_needs_https',
  'top_not_https',
  'frame_of_other_site',
  'enrol_needs_https',
] as const;
export type SiteRefusal = (typeof SITE_REFUSALS)[number];

/** Why a fill request gets no code (FillDecision `none`): a site refusal, or one of these. */
export const FILL_REFUSALS = [...SITE_REFUSALS, 'sent_code_unbound', 'account_not_bound', 'account_not_for_site', 'policy_no_fill'] as const;
export type FillRefusal = (typeof FILL_REFUSALS)[number];

/** The placeholders of each reason's message, in `$1…$n` order; reasons not listed take none. */
export const REASON_PARAMS = {
  sent_code_unbound: ['site'],
  account_not_bound: ['site'],
} as const satisfies { readonly [R in FillRefusal]?: readonly string[] };
