/**
 * After the diagnostics of a large document, a full garbage collection when the heap holds much
 * more than was alive after the last one: V8 otherwise lets it grow to about twice what is alive
 * (a 5 MB document: ~630 MB peak for ~300 MB live), since every edit of a huge text leaves its old
 * string, parse and analysis behind. Rare by design (one collection per 64 MB of garbage), run
 * once the event loop is free. Without `gc` (flags refused), nothing happens.
 */
import { getHeapStatistics, setFlagsFromString as setV8Flags } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Documents at least this long (characters) may trigger a collection after their diagnostics. */
export const COLLECT_AFTER_CHARS = 1_000_000;
const GARBAGE_BYTES = 64 * 1024 * 1024;
let liveAfterGc = 0;
let gcTimer: ReturnType<typeof setTimeout> | undefined;
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
