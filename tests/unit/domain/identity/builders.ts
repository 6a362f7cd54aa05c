/**
 * Test-side builders: MRZs and national numbers made from the spec with their own check-digit code,
 * so that the parsers are not checked against themselves.
 */
const VALUES = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function icaoCheck(field: string): string {
  let sum = 0;
  [...field].forEach((ch, i) => {
    const v = ch === '<' ? 0 : VALUES.indexOf(ch);
    sum += v * [7, 3, 1][i % 3]!;
  });
  return String(sum % 10);
}

export function ssinWithCheck(first9: string, bornFrom2000: boolean): string {
  const n = BigInt(first9) + (bornFrom2000 ? 2_000_000_000n : 0n);
  return first9 + String(97n - (n % 97n)).padStart(2, '0');
}

export interface MrzInput {
  documentNumber?: string;
  birth?: string;
  sex?: string;
  expiry?: string;
  nationality?: string;
  nationalNumber?: string;
  names?: string;
  issuingState?: string;
  documentCode?: string;
}

/** Three TD1 lines for a Belgian eID (12-digit card number continued after a `<`). */
export function buildMrz(input: MrzInput = {}): [string, string, string] {
  const doc = input.documentNumber ?? '592012345656';
  const docField = doc.length > 9 ? `${doc.slice(0, 9)}<${doc.slice(9)}${icaoCheck(doc)}` : `${doc.padEnd(9, '<')}${icaoCheck(doc.padEnd(9, '<'))}`;
  const l1 = `${input.documentCode ?? 'ID'}${input.issuingState ?? 'BEL'}${docField}`.padEnd(30, '<').slice(0, 30);
  const birth = input.birth ?? '850730';
  const expiry = input.expiry ?? '310115';
  const nn = (input.nationalNumber ?? '85073003328').padEnd(11, '<');
  const head = `${birth}${icaoCheck(birth)}${input.sex ?? 'M'}${expiry}${icaoCheck(expiry)}${(input.nationality ?? 'BEL').padEnd(3, '<')}${nn}`;
  const composite = icaoCheck(l1.slice(5, 30) + head.slice(0, 7) + head.slice(8, 15) + head.slice(18, 29));
  const l2 = head + composite;
  const l3 = (input.names ?? 'VAN<DEN<BOSSCHE<<JAN<MARIE').padEnd(30, '<').slice(0, 30);
  return [l1, l2, l3];
}
