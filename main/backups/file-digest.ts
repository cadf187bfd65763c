import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { openRegularFileSync } from '../core/read-file-safely.ts';

/** SHA-256 (hex) and size of a file, streamed so a large backup never sits in memory. */
export async function fileDigest(file: string): Promise<{ sha256: string; sizeBytes: number }> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  // A regular file only (checked on the descriptor): a FIFO in a backup's place must not stall this.
  const { fd } = openRegularFileSync(file, {});
  for await (const chunk of fs.createReadStream('', { fd })) {
    hash.update(chunk as Buffer);
    sizeBytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), sizeBytes };
}
