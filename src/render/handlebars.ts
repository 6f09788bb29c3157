// One Handlebars environment for every template: strict (a missing value is an error) and
// without HTML escaping (we write Rust, TOML and JSON, whose values were validated upstream).

import Handlebars from 'handlebars';
import type { TemplateSpec } from './precompiled.js';

export type CompiledTemplate = (context: object) => string;

/** A template's source text, or its spec precompiled by the build. */
export type TemplateSource = string | TemplateSpec;

const OPTIONS = { strict: true, noEscape: true } as const;

export function createEnvironment(partials: Record<string, TemplateSource>): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerHelper('eq', function (this: unknown, a: unknown, b: unknown, options?: Handlebars.HelperOptions) {
    return blockOrValue(this, a === b, options);
  });
  hb.registerHelper('gt', (a: number, b: number) => a > b);
  hb.registerHelper('lt', (a: number, b: number) => a < b);
  hb.registerHelper('not', (a: unknown) => !a);
  hb.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
  hb.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  for (const [name, source] of Object.entries(partials)) hb.registerPartial(name, toTemplate(hb, source));
  return hb;
}

// `{{#eq a b}}..{{else}}..{{/eq}}` as a block, `(eq a b)` as a value.
function blockOrValue(self: unknown, result: boolean, options?: Handlebars.HelperOptions): unknown {
  if (options && typeof options.fn === 'function') return result ? options.fn(self) : options.inverse(self);
  return result;
}

// The bundle ships only the Handlebars runtime, which has no `compile`: there every source is a spec.
function toTemplate(hb: typeof Handlebars, source: TemplateSource): Handlebars.TemplateDelegate {
  return typeof source === 'string' ? hb.compile(source, OPTIONS) : hb.template(source);
}

export function compile(hb: typeof Handlebars, source: TemplateSource, name: string): CompiledTemplate {
  const template = toTemplate(hb, source);
  return (context) => {
    try {
      return template(context);
    } catch (error) {
      throw new Error(`template ${name}: ${(error as Error).message}`);
    }
  };
}
