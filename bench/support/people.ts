/** Valid fictitious national numbers for benchmarks: birth dates 1940-1999, serials 1..997. */
export function* ssins(start = 0): Generator<string> {
  let n = start;
  for (;;) {
    const day = n % 28;
    const month = Math.floor(n / 28) % 12;
    const year = 40 + (Math.floor(n / 336) % 60);
    const serial = 1 + (Math.floor(n / 20160) % 997);
    const first9 = `${String(year).padStart(2, '0')}${String(month + 1).padStart(2, '0')}${String(day + 1).padStart(2, '0')}${String(serial).padStart(3, '0')}`;
    const check = 97 - (Number(first9) % 97);
    yield first9 + String(check).padStart(2, '0');
    n++;
  }
}

export function takeSsins(count: number, start = 0): string[] {
  const out: string[] = [];
  for (const s of ssins(start)) {
    out.push(s);
    if (out.length === count) break;
  }
  return out;
}
