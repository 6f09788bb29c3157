// Filled in by the build from package.json, so the bundle needs no file read to know it.
declare const __TOOL_VERSION__: string | undefined;

export const TOOL_NAME = 'create-async-parachain';
export const TOOL_VERSION: string = typeof __TOOL_VERSION__ === 'string' ? __TOOL_VERSION__ : '0.0.0-dev';
