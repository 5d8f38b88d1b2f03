import { crc32, deflateSync } from 'node:zlib';

/** An RGB colour, one byte per channel. */
export type Rgb = readonly [red: number, green: number, blue: number];

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The colour of an item's picture: a multiplicative hash of its id, so that neighbouring ids get distinct
 * colours and an item keeps its colour across restarts.
 */
export function itemColour(id: number): Rgb {
  const hash = Math.imul(id, 0x9e3779b1) >>> 0;
  return [hash >>> 24, (hash >>> 16) & 0xff, (hash >>> 8) & 0xff];
}

/** A `size`×`size` PNG of a single colour: the smallest picture an image-capable client can show. */
export function solidPng([red, green, blue]: Rgb, size = 16): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  // Bit depth 8, colour type 2 (RGB), then deflate compression, adaptive filtering and no interlace.
  header.set([8, 2, 0, 0, 0], 8);
  // Each scanline starts with its filter type; 0 (none) keeps the pixels as they are.
  const scanline = Buffer.from([0, ...Array.from({ length: size }, () => [red, green, blue]).flat()]);
  const pixels = Buffer.concat(Array.from({ length: size }, () => scanline));
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A PNG chunk: length, type, data, then the CRC-32 of type and data. */
function chunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const framed = Buffer.alloc(typed.length + 8);
  framed.writeUInt32BE(data.length, 0);
  typed.copy(framed, 4);
  framed.writeUInt32BE(crc32(typed), typed.length + 4);
  return framed;
}
