/**
 * Last resort when a printer has no page for a character and cannot print images (Star line mode
 * here): the closest Latin letters. "Łukasiewicz" never gets here on either family (CP852 holds
 * Ł), but a name in another script could. Never a '?'.
 */
const MAP: Record<string, string> = {
  Ł: 'L', ł: 'l', Ø: 'O', ø: 'o', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', ß: 'ss',
  Æ: 'AE', æ: 'ae', Œ: 'OE', œ: 'oe', Þ: 'Th', þ: 'th', Ð: 'D', ð: 'd', Ŀ: 'L', ŀ: 'l',
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'",
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u201F': '"', '\u2033': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2212': '-',
  '\u2026': '...', '\u20AC': 'EUR', '\u2022': '*',
};

export function transliterate(char: string): string {
  const direct = MAP[char];
  if (direct !== undefined) return direct;
  const stripped = char.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (stripped !== char && stripped.length > 0) return stripped;
  return '';
}
