// The fragment names, apart from the fragment machinery so `--help` can list them cheaply.

/** Fragments marked by comments inside files; `regen` takes these names (and `all`). */
export const FRAGMENTS = ['async-backing', 'consensus', 'collator', 'zombienet', 'chain'] as const;
/** What `regen` takes: a marked fragment, or `all` (every fragment and the README). */
export const FRAGMENT_CHOICES = [...FRAGMENTS, 'all'] as const;
/** `readme` is the generated README, one whole-file fragment that only `regen all` rewrites. */
export type Fragment = (typeof FRAGMENTS)[number] | 'readme';
