// The one module the build swaps. From the source tree there are no precompiled templates:
// src/render/templates.ts reads templates/ and compiles each template on first use with COMPILER.
// In the bundle, scripts/build.mjs replaces this module with every template under templates/
// (keyed by its path there, partials included) already compiled to its program and stored as JSON
// text, and COMPILER undefined: the bundle then carries neither the compiler nor Handlebars.

import { compileTemplate } from './template-program.js';

export const PRECOMPILED: Readonly<Record<string, string>> | undefined = undefined;

export const COMPILER: typeof compileTemplate | undefined = compileTemplate;
