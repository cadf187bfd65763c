import { createHash } from 'node:crypto';
import fs from 'node:fs';

/** SHA-256 (hex) and size of a file, streamed so a large backup never sits in memory. */
export async function fileDigest(file: string): Promise<{ sha256: string; sizeBytes: number }> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    sizeBytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), sizeBytes };
}
