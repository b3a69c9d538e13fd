/**
 * A generic ICAO TD1 identity card (ID-1 size): the side with the visual zone summary and the
 * three-line, 30-character OCR-B MRZ, for the MRZ reader's TD1 path.
 */
import { FONT, mrzLine, portrait, rosette, svgDoc, text, tint, waves } from '../svg.js';
import { ID1, type CardRenderer } from './types.js';

export const td1: CardRenderer = (rec, _page, rng) => {
  const { width: W, height: H, radius } = ID1;
  const t = rec.truth;
  const v = rec.view;
  const parts: string[] = [tint(W, H, '#f1f2ee', '#e3e8dc', '#ece2ea', 'bg'), waves(rng, 0, 0, W, H * 0.62, '#98a88a', 10, 0.22)];
  parts.push(rosette(rng, W * 0.6, H * 0.3, 170, '#a8987a', 0.2, 6));
  parts.push(text(40, 46, v.stateName!, { size: 22, font: FONT.latin, weight: 'bold', fill: '#2a3a5a' }));
  parts.push(text(40, 74, v.title!, { size: 18, font: FONT.latin, fill: '#2a3a5a' }));
  parts.push(portrait(rng, 40, 96, 170, 214, { bg: '#eceeea' }));
  const row = (x: number, y: number, label: string, value: string): string =>
    text(x, y, label, { size: 15, font: FONT.latin, fill: '#555' }) + text(x, y + 28, value, { size: 24, font: FONT.latin, weight: 'bold', fill: '#111' });
  parts.push(row(240, 110, 'Surname', t.surname!), row(240, 170, 'Given names', t.givenname!));
  parts.push(row(240, 230, 'Date of birth', v.birthPrinted!), row(480, 230, 'Sex', t.sex!), row(580, 230, 'Nationality', t.nationality!));
  parts.push(row(240, 290, 'Document no.', t.documentNumber!), row(480, 290, 'Date of expiry', v.expiryPrinted!));
  const mrz = rec.lines.mrz!;
  parts.push(`<rect x="0" y="${H - 240}" width="${W}" height="240" fill="#fafaf7" opacity="0.85"/>`);
  mrz.forEach((line, i) => parts.push(mrzLine(56, H - 160 + i * 62, line, 30.2, 42)));
  return { width: W, height: H, svg: svgDoc(W, H, radius, parts.join('')) };
};
