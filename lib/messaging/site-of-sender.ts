// One place for what a site is: lib/autofill/site.ts.
export { normalizeSite, siteOfHost, siteOfUrl } from '@/lib/autofill/site';
