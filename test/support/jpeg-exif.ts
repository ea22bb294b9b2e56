// Test helper: adds an EXIF orientation tag to a JPEG, as a phone camera does.

/** The JPEG with an EXIF APP1 segment holding only an orientation tag, inserted after the start-of-image marker. */
export function withOrientation(jpeg: Uint8Array, orientation: number, little = false): Uint8Array {
  const u16 = (n: number) => (little ? [n & 0xff, n >> 8] : [n >> 8, n & 0xff]);
  const u32 = (n: number) => (little ? [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24] : [n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
  const tiff = [...(little ? [0x49, 0x49] : [0x4d, 0x4d]), ...u16(42), ...u32(8), ...u16(1), ...u16(0x0112), ...u16(3), ...u32(1), ...u16(orientation), 0, 0, ...u32(0)];
  const body = [...Buffer.from('Exif\u0000\u0000', 'latin1'), ...tiff];
  const app1 = [0xff, 0xe1, ...[(body.length + 2) >> 8, (body.length + 2) & 0xff], ...body];
  return new Uint8Array([...jpeg.subarray(0, 2), ...app1, ...jpeg.subarray(2)]);
}

