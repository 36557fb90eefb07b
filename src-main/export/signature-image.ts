/**
 * A full check of the signature PNG before pdfkit sees it. The consent flow checked only the
 * PNG signature bytes; pdfkit decodes an image with an alpha channel asynchronously (png-js,
 * zlib), and a corrupt one then throws from a callback, outside any try, and the PDF never
 * ends: an uncaught exception in the app and a hung export. So the image is decoded here,
 * synchronously, exactly as far as pdfkit would go: chunk CRCs, a supported header, the
 * compressed data inflating to exactly the expected size, and a valid filter on every row.
 * (PNG specification, https://www.w3.org/TR/png/: 5.3 chunk layout, 11.2.2 IHDR, 9.2 filters.)
 */
import zlib from 'node:zlib';

export type PngCheck = { ok: true; width: number; height: number } | { ok: false; reason: string };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** A signature pad is a few hundred pixels each way; this bounds the memory a hostile one costs. */
const MAX_PIXELS = 4096 * 4096;
/** Samples per pixel for each 8-bit colour type this check accepts (PNG 11.2.2, table 11.1). */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export function checkPng(bytes: Buffer): PngCheck {
  try {
    return inspect(bytes);
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

function inspect(bytes: Buffer): PngCheck {
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    return { ok: false, reason: 'not a PNG file' };
  }
  let offset = 8;
  let header: ImageHeader | undefined;
  let palette = false;
  const data: Buffer[] = [];
  for (;;) {
    if (offset + 12 > bytes.length) {
      return { ok: false, reason: 'the file ends before its IEND chunk' };
    }
    const length = bytes.readUInt32BE(offset);
    const end = offset + 12 + length;
    if (end > bytes.length) {
      return { ok: false, reason: 'a chunk runs past the end of the file' };
    }
    const typeAndData = bytes.subarray(offset + 4, offset + 8 + length);
    if (zlib.crc32(typeAndData) !== bytes.readUInt32BE(offset + 8 + length)) {
      return { ok: false, reason: 'a chunk fails its CRC' };
    }
    const type = typeAndData.subarray(0, 4).toString('latin1');
    const body = typeAndData.subarray(4);
    if (header === undefined && type !== 'IHDR') {
      return { ok: false, reason: 'the first chunk is not IHDR' };
    }
    if (type === 'IHDR') {
      const parsed = parseHeader(body);
      if (!parsed.ok) {
        return parsed;
      }
      header = parsed;
    } else if (type === 'PLTE') {
      palette = true;
    } else if (type === 'IDAT') {
      data.push(body);
    } else if (type === 'IEND') {
      break;
    }
    offset = end;
  }
  if (!header || data.length === 0) {
    return { ok: false, reason: 'no image data' };
  }
  if (header.colourType === 3 && !palette) {
    return { ok: false, reason: 'a palette image without a palette' };
  }
  const stride = header.width * header.channels + 1;
  const expected = stride * header.height;
  // maxOutputLength stops a small file from inflating without bound (a "zip bomb").
  const pixels = zlib.inflateSync(Buffer.concat(data), { maxOutputLength: expected + 1 });
  if (pixels.length !== expected) {
    return { ok: false, reason: `the image data is ${pixels.length} bytes, not ${expected}` };
  }
  for (let row = 0; row < header.height; row++) {
    const filter = pixels[row * stride] ?? 255;
    if (filter > 4) {
      return { ok: false, reason: `row ${row} has an unknown filter type ${filter}` };
    }
  }
  return { ok: true, width: header.width, height: header.height };
}

interface ImageHeader {
  width: number;
  height: number;
  colourType: number;
  channels: number;
}

function parseHeader(body: Buffer): ({ ok: true } & ImageHeader) | { ok: false; reason: string } {
  if (body.length !== 13) {
    return { ok: false, reason: 'IHDR is not 13 bytes' };
  }
  const width = body.readUInt32BE(0);
  const height = body.readUInt32BE(4);
  const [bitDepth, colourType, compression, filter, interlace] = [
    body[8],
    body[9],
    body[10],
    body[11],
    body[12],
  ];
  const channels = colourType === undefined ? undefined : CHANNELS[colourType];
  if (width === 0 || height === 0 || width * height > MAX_PIXELS) {
    return { ok: false, reason: `an image of ${width} × ${height} pixels` };
  }
  // What a canvas writes (8-bit, not interlaced) and what pdfkit draws without surprises.
  if (
    bitDepth !== 8 ||
    colourType === undefined ||
    channels === undefined ||
    compression !== 0 ||
    filter !== 0
  ) {
    return {
      ok: false,
      reason: `an unsupported PNG format (bit depth ${String(bitDepth)}, colour type ${String(colourType)})`,
    };
  }
  if (interlace !== 0) {
    return { ok: false, reason: 'an interlaced PNG' };
  }
  return { ok: true, width, height, colourType, channels };
}
