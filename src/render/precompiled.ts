// Templates precompiled by the build: scripts/build.mjs replaces this module, in the bundle only,
// with the Handlebars spec of every template (template path → spec; partials as `_partials/<name>`).
// From the source tree there are none, and templates compile at run time from templates/.

import type Handlebars from 'handlebars';

export type TemplateSpec = Parameters<typeof Handlebars.template>[0];

export const PRECOMPILED: Readonly<Record<string, TemplateSpec>> | undefined = undefined;
