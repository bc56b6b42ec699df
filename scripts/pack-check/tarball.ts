// Reads a package tarball (.tgz) in memory: what `tar tzf` lists, with each
// file's contents, so the checks can see exactly what npm would install.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export interface TarEntry {
  /** The path inside the package, without npm's leading `package/`. */
  path: string;
  contents: Buffer;
}

/** The regular files of a package tarball, in archive order. */
export function readTarball(file: string): TarEntry[] {
  const tar = gunzipSync(readFileSync(file));
  const entries: TarEntry[] = [];
  let longPath: string | undefined;
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const field = (start: number, length: number) => header.subarray(start, start + length).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1) || '0';
    const contents = tar.subarray(offset + 512, offset + 512 + size);
    if (type === 'x') {
      // A pax header: its `path` record, if any, names the next entry.
      longPath = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(contents.toString('utf8'))?.[1];
    } else {
      if (type === '0') {
        const prefix = field(345, 155);
        const name = longPath ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
        entries.push({ path: name.replace(/^package\//, ''), contents: Buffer.from(contents) });
      }
      longPath = undefined;
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}
