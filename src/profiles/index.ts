import { stable2412 } from './stable2412.js';
import { stable2503 } from './stable2503.js';
import type { SdkProfile } from './types.js';

/** Every supported release; the first is the default. */
export const PROFILES = { stable2503, stable2412 } satisfies Record<string, SdkProfile>;

export type SdkRelease = keyof typeof PROFILES;
export const SDK_RELEASES = Object.keys(PROFILES) as SdkRelease[];

export type { SdkProfile, ProfileCapabilities, CrateVersions } from './types.js';
