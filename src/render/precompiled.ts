// Templates precompiled by the build: scripts/build.mjs replaces this module, in the bundle only,
// with the Handlebars spec of every file under templates/ (keyed by its path there). From the
// source tree there are none, and templates compile at run time (src/render/templates.ts).

import type Handlebars from 'handlebars';

export type TemplateSpec = Parameters<typeof Handlebars.template>[0];

export const PRECOMPILED: Readonly<Record<string, TemplateSpec>> | undefined = undefined;
