/**
 * A video file's running time, read from its container header, so that main knows how long a
 * pack's video is without asking the renderer (which reports what it plays: see
 * consent/video-watch.ts). Null when the header does not say (a live-recorded WebM may have no
 * Duration); the kiosk then takes the player's figure.
 */
import { closeSync, openSync, readSync } from 'node:fs';

/** Seconds, or null when the container does not give a duration. */
export function videoDuration(absolutePath: string, extension: string): number | null {
  const fd = openSync(absolutePath, 'r');
  try {
    const file = new FileReader(fd);
    const seconds = extension === '.mp4' ? mp4Duration(file) : webmDuration(file);
    return seconds !== null && Number.isFinite(seconds) && seconds > 0 ? seconds : null;
  } finally {
    closeSync(fd);
  }
}

class FileReader {
  constructor(private readonly fd: number) {}

  read(position: number, length: number): Buffer {
    const buffer = Buffer.alloc(length);
    const read = readSync(this.fd, buffer, 0, length, position);
    return buffer.subarray(0, read);
  }
}

/**
 * ISO base media (ISO/IEC 14496-12): the top-level `moov` box holds `mvhd`, whose `timescale`
 * and `duration` give the presentation's length (§8.2.2). `moov` may come after the media data,
 * so top-level boxes are walked by their sizes rather than read whole.
 */
function mp4Duration(file: FileReader): number | null {
  const moov = findBox(file, 0, Number.MAX_SAFE_INTEGER, 'moov');
  const mvhd = moov && findBox(file, moov.start, moov.end, 'mvhd');
  if (!mvhd) {
    return null;
  }
  const body = file.read(mvhd.start, 32);
  const version = body[0];
  if (version === 1 && body.length >= 32) {
    const timescale = body.readUInt32BE(20);
    const duration = Number(body.readBigUInt64BE(24));
    return timescale > 0 ? duration / timescale : null;
  }
  if (version === 0 && body.length >= 20) {
    const timescale = body.readUInt32BE(12);
    return timescale > 0 ? body.readUInt32BE(16) / timescale : null;
  }
  return null;
}

/** The body (after the header) of the first box of `type` between `from` and `to`. */
function findBox(
  file: FileReader,
  from: number,
  to: number,
  type: string,
): { start: number; end: number } | null {
  for (let at = from, boxes = 0; at + 8 <= to && boxes < 10_000; boxes += 1) {
    const header = file.read(at, 16);
    if (header.length < 8) {
      return null;
    }
    let size = header.readUInt32BE(0);
    let headerSize = 8;
    if (size === 1 && header.length >= 16) {
      size = Number(header.readBigUInt64BE(8));
      headerSize = 16;
    } else if (size === 0) {
      size = to - at; // the box runs to the end of its container
    }
    if (size < headerSize) {
      return null;
    }
    if (header.toString('latin1', 4, 8) === type) {
      return { start: at + headerSize, end: Math.min(at + size, to) };
    }
    at += size;
  }
  return null;
}

const EBML_IDS = {
  segment: 0x18538067,
  info: 0x1549a966,
  timecodeScale: 0x2ad7b1,
  duration: 0x4489,
};
/** How far into the file the Segment's Info is looked for; muxers write it near the start. */
const WEBM_SCAN_BYTES = 1024 * 1024;

/**
 * WebM (Matroska's EBML, https://www.matroska.org/technical/elements.html): Segment → Info →
 * Duration (a float, in TimestampScale units of nanoseconds, 1 000 000 when absent).
 */
function webmDuration(file: FileReader): number | null {
  const head = file.read(0, WEBM_SCAN_BYTES);
  const top = readElement(head, 0);
  // The EBML header first, then the Segment.
  const segment = top && readElement(head, top.dataStart + top.size);
  if (segment?.id !== EBML_IDS.segment) {
    return null;
  }
  for (
    let at = segment.dataStart, child = readElement(head, at);
    child !== null;
    at = child.dataStart + child.size, child = readElement(head, at)
  ) {
    if (child.id === EBML_IDS.info) {
      return infoDuration(
        head,
        child.dataStart,
        Math.min(head.length, child.dataStart + child.size),
      );
    }
    if (child.unknownSize) {
      return null;
    }
  }
  return null;
}

function infoDuration(head: Buffer, from: number, to: number): number | null {
  let scale = 1_000_000;
  let duration: number | null = null;
  for (let at = from, child = readElement(head, at); child !== null && at < to;) {
    const data = head.subarray(child.dataStart, child.dataStart + child.size);
    if (child.id === EBML_IDS.timecodeScale && data.length > 0 && data.length <= 6) {
      scale = data.readUIntBE(0, data.length);
    } else if (child.id === EBML_IDS.duration) {
      duration =
        data.length === 4 ? data.readFloatBE(0) : data.length === 8 ? data.readDoubleBE(0) : null;
    }
    at = child.dataStart + child.size;
    child = at < to ? readElement(head, at) : null;
  }
  return duration === null ? null : (duration * scale) / 1e9;
}

interface Element {
  id: number;
  dataStart: number;
  size: number;
  unknownSize: boolean;
}

/** The EBML element at `at`: its id (marker bits kept, as the spec writes ids) and data size. */
function readElement(buffer: Buffer, at: number): Element | null {
  const id = readVint(buffer, at, true);
  const size = id && readVint(buffer, at + id.length, false);
  if (!id || !size || id.length > 4) {
    return null;
  }
  const dataStart = at + id.length + size.length;
  return {
    id: id.value,
    dataStart,
    size: size.unknown ? buffer.length - dataStart : size.value,
    unknownSize: size.unknown,
  };
}

/** An EBML variable-length integer: its length is the count of leading zero bits plus one. */
function readVint(
  buffer: Buffer,
  at: number,
  keepMarker: boolean,
): { value: number; length: number; unknown: boolean } | null {
  const first = buffer[at];
  if (first === undefined || first === 0) {
    return null;
  }
  const length = Math.clz32(first) - 23;
  if (at + length > buffer.length || length > 8) {
    return null;
  }
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let index = 1; index < length; index += 1) {
    const byte = buffer[at + index] ?? 0;
    value = value * 256 + byte;
    allOnes &&= byte === 0xff;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}
