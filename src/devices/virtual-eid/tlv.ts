/**
 * The eID files are flat TLV: 1 tag byte, 1 length byte, the value. The virtual card encodes its
 * own files here, independently of the station's parser, so that the two check each other.
 */
export type TlvValue = string | Uint8Array;

export function encodeTlvFile(fields: ReadonlyArray<readonly [tag: number, value: TlvValue]>, padTo = 0): Uint8Array {
  const parts: number[] = [];
  for (const [tag, value] of fields) {
    const bytes = typeof value === 'string' ? new TextEncoder().encode(value) : value;
    if (bytes.length > 127) throw new Error(`virtual eID: tag ${tag} is ${bytes.length} bytes; real cards keep fields under 128`);
    parts.push(tag, bytes.length, ...bytes);
  }
  while (parts.length < padTo) parts.push(0);
  return Uint8Array.from(parts);
}
