import type { CardPreview, LayoutLine } from '../../shared/api/printing';
import type { CardModel } from './card-model';
import { cardBlocks, type CardBlock } from './card-text';

export type { LayoutLine, CardPreview as CardLayout };
export type Columns = 32 | 48;

/** Characters per line of Font A: 58 mm paper holds 32, 80 mm paper 48. */
export function columnsFor(width: '58' | '80'): Columns {
  return width === '58' ? 32 : 48;
}

// Control characters (C0, DEL, C1) would be read by the printer as commands.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;

/**
 * Normalises text before it meets a printer: NFC (an eID may hand us decomposed accents), no
 * control characters, and spaces for the invisible spaces Intl puts in dates.
 */
export function normaliseText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u00A0\u2007\u202F\u2009\u200A]/g, ' ')
    .replace(/[\u00AD\u200B-\u200D\uFEFF]/g, '')
    .replace(CONTROL, ' ');
}

const length = (s: string) => Array.from(s).length;

/**
 * Word wrap by characters (code points). Words longer than a line are split after a hyphen when
 * one fits, else cut hard: a long compound surname must never be lost off the paper edge.
 */
export function wrapText(text: string, columns: number): string[] {
  const words = normaliseText(text).split(' ').filter((w) => w.length > 0);
  const lines: string[] = [];
  let current = '';
  const flush = () => {
    if (current.length > 0) lines.push(current);
    current = '';
  };
  for (let word of words) {
    while (length(word) > columns) {
      const room = current ? columns - length(current) - 1 : columns;
      const chars = Array.from(word);
      const head = chars.slice(0, Math.max(room, 0));
      const hyphen = head.lastIndexOf('-');
      if (hyphen > 0 && room > 0) {
        const part = chars.slice(0, hyphen + 1).join('');
        current = current ? `${current} ${part}` : part;
        word = chars.slice(hyphen + 1).join('');
        flush();
      } else if (current) {
        flush();
      } else {
        lines.push(chars.slice(0, columns).join(''));
        word = chars.slice(columns).join('');
      }
    }
    if (!word) continue;
    if (!current) current = word;
    else if (length(current) + 1 + length(word) <= columns) current = `${current} ${word}`;
    else {
      flush();
      current = word;
    }
  }
  flush();
  return lines.length > 0 ? lines : [''];
}

/** Fits blocks to a width: double-size text takes two columns per character. */
export function layoutBlocks(blocks: readonly CardBlock[], columns: Columns): CardPreview {
  const lines: LayoutLine[] = [];
  for (const block of blocks) {
    if (block.kind !== 'text') {
      lines.push(block.kind === 'qr' ? { kind: 'qr', data: block.data } : { kind: block.kind });
      continue;
    }
    const size = block.size ?? 'normal';
    const indent = block.indent ?? 0;
    const room = (size === 'double' ? Math.floor(columns / 2) : columns) - indent;
    wrapText(block.text, room).forEach((text, i) => {
      lines.push({
        kind: 'text',
        text: i > 0 && indent > 0 ? ' '.repeat(indent) + text : text,
        bold: block.bold ?? false,
        size,
        align: block.align ?? 'left',
      });
    });
  }
  lines.push({ kind: 'cut' });
  return { columns, lines };
}

export function layoutCard(card: CardModel, columns: Columns): CardPreview {
  return layoutBlocks(cardBlocks(card), columns);
}

/** The card as plain text lines, the way a person reads it off the paper (rules as dashes). */
export function layoutText(layout: CardPreview): string[] {
  return layout.lines.flatMap((line) => {
    switch (line.kind) {
      case 'text':
        return [line.text];
      case 'rule':
        return ['-'.repeat(layout.columns)];
      case 'blank':
        return [''];
      case 'qr':
        return [`[QR ${line.data}]`];
      case 'cut':
        return [];
    }
  });
}
