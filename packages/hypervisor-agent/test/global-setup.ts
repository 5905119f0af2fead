import { ensureGuestImages } from '../src/testing/guest-images.ts';

/** Builds the demo guest images once per test run (CI starts from a fresh clone). */
export default async function setup(): Promise<void> {
  await ensureGuestImages();
}
