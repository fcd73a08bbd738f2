// Writes images/icon.png (128x128 RGBA): a page with lines and a green check on a blue tile.
// No dependencies: a PNG is a signature, IHDR, zlib-deflated scanlines (IDAT) and IEND.
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const N = 128;
const px = Buffer.alloc(N * N * 4);
const set = (x, y, [r, g, b, a = 255]) => px.set([r, g, b, a], (y * N + x) * 4);
const blue = [31, 111, 235], white = [255, 255, 255], green = [45, 164, 78];
const inRound = (x, y, x0, y0, x1, y1, r) => {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r), cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const nearSegment = (x, y, [ax, ay], [bx, by], w) => {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return (x - ax - t * (bx - ax)) ** 2 + (y - ay - t * (by - ay)) ** 2 <= w * w;
};
for (let y = 0; y < N; y++) {
  for (let x = 0; x < N; x++) {
    if (!inRound(x, y, 4, 4, 123, 123, 20)) continue;
    let c = blue;
    if (inRound(x, y, 28, 20, 96, 106, 6)) c = white;
    if (x >= 40 && x <= 84 && [36, 50, 64].some((l) => y >= l && y < l + 6)) c = blue;
    if (x >= 40 && x <= 64 && y >= 78 && y < 84) c = blue;
    const d = (x - 90) ** 2 + (y - 92) ** 2;
    if (d <= 24 ** 2) c = white;
    if (d <= 20 ** 2) c = green;
    if (nearSegment(x, y, [80, 92], [87, 100], 3.2) || nearSegment(x, y, [87, 100], [100, 84], 3.2)) c = d <= 20 ** 2 ? white : c;
    set(x, y, c);
  }
}
const raw = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) px.copy(raw, y * (N * 4 + 1) + 1, y * N * 4, (y + 1) * N * 4);
const table = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = table[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const c = Buffer.alloc(4);
  c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0);
ihdr.writeUInt32BE(N, 4);
ihdr.set([8, 6, 0, 0, 0], 8);
mkdirSync(new URL('../images/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('../images/icon.png', import.meta.url),
  Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]),
);
