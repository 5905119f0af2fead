/** Russian of `embed.ts` (loaded only when the console shows Russian). */
import type { en } from './embed.ts';

export const ru: Record<keyof typeof en, string> = {};
