/**
 * After diagnostics are published or a request is answered: a full garbage collection when the
 * heap holds much more than was alive after the last one. V8 otherwise lets it grow to about twice
 * what is alive, since every edit of a huge text leaves its old string, parse and analysis behind
 * (a 5 MB document: ~25 MB an edit), and so does a request over all of it (whole-document inlay
 * hints: tens of MB). One collection per 24 MB of garbage: about every edit of a 5 MB document
 * (~70 ms), every five or six of a 1 MB one (~20 ms), rarely for ordinary ones; run once the event
 * loop is free. Without `gc` (flags refused), nothing happens.
 *
 * The young generation starts at 1 MB and doubles after each scavenge that sees most of it survive:
 * a document's first parse keeps nearly all it allocates (its tree), so on the way to 16 MB five
 * scavenges copy that tree again and again. Growing it 16-fold at once cuts a 1 MB document's
 * first diagnostics by ≈ 25 ms (docs/performance.md); a server that only sees small documents
 * never grows it.
 */
import { getHeapStatistics, setFlagsFromString as setV8Flags } from 'node:v8';
import { runInNewContext } from 'node:vm';

const GARBAGE_BYTES = 24 * 1024 * 1024;
let liveAfterGc = 0;
let gcTimer: ReturnType<typeof setTimeout> | undefined;
try {
  setV8Flags('--semi-space-growth-factor=16');
} catch {
  // an embedder that refuses flags: the default growth
}
const fullGc: (() => void) | undefined = (() => {
  try {
    setV8Flags('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
})();

export function collectSoon(): void {
  if (!fullGc || gcTimer) return;
  if (getHeapStatistics().used_heap_size < liveAfterGc + GARBAGE_BYTES) return;
  gcTimer = setTimeout(() => {
    gcTimer = undefined;
    fullGc();
    liveAfterGc = getHeapStatistics().used_heap_size;
  }, 0);
}
