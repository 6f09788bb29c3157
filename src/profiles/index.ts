import { stable2412 } from './stable2412.js';
import { stable2503 } from './stable2503.js';
import { stable2506 } from './stable2506.js';
import { stable2509 } from './stable2509.js';
import { stable2512 } from './stable2512.js';
import type { SdkProfile } from './types.js';

/** Every supported release, newest first; the first is the default. */
export const PROFILES = { stable2512, stable2509, stable2506, stable2503, stable2412 } satisfies Record<string, SdkProfile>;

export type SdkRelease = keyof typeof PROFILES;
export const SDK_RELEASES = Object.keys(PROFILES) as SdkRelease[];

export type { SdkProfile, ProfileCapabilities, CrateVersions } from './types.js';
