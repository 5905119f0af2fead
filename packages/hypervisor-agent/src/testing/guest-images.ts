import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BUILD_SCRIPT = join(PACKAGE_DIR, 'scripts/build-images.sh');

/** Where the test suite and the bench keep the demo images: `<repo>/.cache/guest-images`. */
export const DEFAULT_IMAGE_CACHE = resolve(PACKAGE_DIR, '../../.cache/guest-images');

/** Paths of the built demo images. */
export interface GuestImages {
  dir: string;
  disk: string;
  iso: string;
  kernel: string;
  initrd: string;
  kernelVersion: string;
}

interface Manifest {
  kernel: string;
  scriptHash: string;
}

/**
 * Returns the demo images, building them first when they are missing or were built by another
 * version of the build script. A lock directory serialises concurrent builders.
 */
export async function ensureGuestImages(dir = DEFAULT_IMAGE_CACHE): Promise<GuestImages> {
  const { stdout } = await run('bash', [BUILD_SCRIPT, '--hash']);
  const want = stdout.trim();
  let manifest = await readManifest(dir);
  if (manifest?.scriptHash !== want) {
    await mkdir(dir, { recursive: true });
    const lock = join(dir, '.lock');
    await acquire(lock);
    try {
      manifest = await readManifest(dir);
      if (manifest?.scriptHash !== want) {
        await run('bash', [BUILD_SCRIPT, '--out', dir], { maxBuffer: 16 * 1024 * 1024 });
        manifest = await readManifest(dir);
      }
    } finally {
      await rm(lock, { recursive: true, force: true });
    }
  }
  if (!manifest) throw new Error(`guest image build produced no manifest in ${dir}`);
  return {
    dir,
    disk: join(dir, 'demo.qcow2'),
    iso: join(dir, 'demo.iso'),
    kernel: join(dir, 'vmlinuz'),
    initrd: join(dir, 'initrd.img'),
    kernelVersion: manifest.kernel,
  };
}

async function readManifest(dir: string): Promise<Manifest | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

async function acquire(lock: string): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      await mkdir(lock);
      return;
    } catch {
      // A builder that died leaves its lock behind; builds take seconds, so 5 minutes is stale.
      const age = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > 300_000 || i > 3000) await rm(lock, { recursive: true, force: true });
      await delay(100);
    }
  }
}
