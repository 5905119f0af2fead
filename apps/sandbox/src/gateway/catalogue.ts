import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs';
import { mkdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Gateway } from './server.ts';
import { sendFile, sendJson } from './files.ts';

/** One entry of the demo image catalogue (`GET /catalogue/`). */
export interface CatalogueItem {
  name: string;
  title: string;
  url: string;
  format: string;
  /** Bytes. */
  size: number;
  description: string;
}

interface Entry {
  name: string;
  title: string;
  format: string;
  description: string;
  /** Registry repository that serves the same file (`catalogue/demo`). */
  repository?: string;
}

const ENTRIES: Entry[] = [
  {
    name: 'demo.qcow2',
    title: 'Demo Linux (qcow2)',
    format: 'qcow2',
    description:
      'A tiny Debian-kernel + busybox guest with cloud-init essentials, qemu-guest-agent and DHCP (login cloud/cloud via cloud-init).',
    repository: 'catalogue/demo',
  },
  {
    name: 'demo.qcow2.gz',
    title: 'Demo Linux (qcow2, gzip-compressed)',
    format: 'qcow2',
    description: 'The same disk, gzip-compressed: the importer unpacks it.',
  },
  {
    name: 'demo.iso',
    title: 'Demo Linux (bootable ISO)',
    format: 'iso',
    description: 'A bootable hybrid ISO of the demo guest; attached as a CD-ROM.',
    repository: 'catalogue/demo-iso',
  },
];

/**
 * The demo image catalogue at `/catalogue/`: the built guest images (`scripts/setup.sh` builds
 * them into the catalogue directory) plus a gzip copy generated once into `genDir`.
 */
export class Catalogue {
  private gz: Promise<void> | undefined;

  constructor(
    readonly dir: string,
    private readonly genDir: string,
    private readonly gateway: Gateway,
  ) {}

  /** The file behind a catalogue name, if it exists now. */
  fileOf(name: string): string | undefined {
    if (name === 'demo.qcow2.gz') {
      const src = join(this.dir, 'demo.qcow2');
      return existsSync(src) ? join(this.genDir, name) : undefined;
    }
    if (!ENTRIES.some((e) => e.name === name)) return undefined;
    const p = join(this.dir, name);
    return existsSync(p) ? p : undefined;
  }

  /** The file a registry repository (`catalogue/demo`) serves. */
  repositoryFile(repo: string): string | undefined {
    const e = ENTRIES.find((x) => x.repository === repo);
    return e ? this.fileOf(e.name) : undefined;
  }

  /** Generates `demo.qcow2.gz` once (again when the source is newer). */
  ensureGz(): Promise<void> {
    this.gz ??= (async () => {
      const src = join(this.dir, 'demo.qcow2');
      const out = join(this.genDir, 'demo.qcow2.gz');
      if (!existsSync(src)) return;
      if (existsSync(out) && statSync(out).mtimeMs >= statSync(src).mtimeMs) return;
      await mkdir(this.genDir, { recursive: true });
      const tmp = `${out}.tmp-${process.pid}`;
      await pipeline(createReadStream(src), createGzip({ level: 6 }), createWriteStream(tmp));
      await rename(tmp, out);
    })().catch((e: unknown) => {
      this.gz = undefined;
      throw e;
    });
    return this.gz;
  }

  async items(): Promise<CatalogueItem[]> {
    await this.ensureGz().catch(() => undefined);
    const out: CatalogueItem[] = [];
    for (const e of ENTRIES) {
      const file = this.fileOf(e.name);
      if (!file) continue;
      const size = await stat(file).then(
        (s) => s.size,
        () => -1,
      );
      if (size < 0) continue;
      out.push({
        name: e.name,
        title: e.title,
        url: `${this.gateway.url}/catalogue/${e.name}`,
        format: e.format,
        size,
        description: e.description,
      });
    }
    return out;
  }

  /** Registers `/catalogue/`. */
  register(): void {
    this.gateway.route('/catalogue', async (req, res, url) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      const rest = url.pathname.replace(/^\/catalogue\/?/, '');
      if (rest === '' || rest === 'index.json') {
        const items = await this.items();
        const registry = this.gateway.url.replace(/^https?:\/\//, '');
        sendJson(res, 200, {
          items,
          ...(items.length === 0
            ? {
                hint: `The demo image catalogue is empty: ${this.dir} has no images. Run ./scripts/setup.sh to build them.`,
              }
            : { containerImages: [`${registry}/catalogue/demo:latest`] }),
        });
        return true;
      }
      if (rest === 'demo.qcow2.gz') await this.ensureGz();
      const file = this.fileOf(rest);
      if (!file) return false;
      await sendFile(req, res, file);
      return true;
    });
  }
}
