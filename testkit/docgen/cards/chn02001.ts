/**
 * PRC motor-vehicle driving licence (main page, 88 × 60 mm): title, licence number (证号 = ID number),
 * bilingual label/value rows (name, sex, nationality, address, birth, first issue, class, validity),
 * portrait right and the traffic police seal left.
 */
import { FONT, portrait, rosette, svgDoc, text, tint, waves } from '../svg.js';
import type { CardRenderer } from './types.js';

const W = 1039;
const H = 709;

export const chn02001: CardRenderer = (rec, _page, rng) => {
  const t = rec.truth;
  const parts: string[] = [tint(W, H, '#f2f4f7', '#dfe6ef', '#f0e9ee', 'bg'), waves(rng, 0, 0, W, H, '#9aa8c0', 9, 0.22)];
  parts.push(rosette(rng, W * 0.45, H * 0.55, 230, '#a8b4d0', 0.2, 7));
  parts.push(text(W / 2, 62, '中华人民共和国机动车驾驶证', { size: 40, font: FONT.serifSC, weight: 'bold', fill: '#1a1a1a', anchor: 'middle' }));
  parts.push(text(W / 2, 96, "Driving License of the People's Republic of China", { size: 20, font: FONT.serif, fill: '#333', anchor: 'middle' }));
  const lab = (x: number, y: number, zh: string, en: string): string =>
    text(x, y, zh, { size: 22, font: FONT.sansSC, fill: '#333' }) + text(x, y + 20, en, { size: 13, font: FONT.latin, fill: '#555' });
  const val = (x: number, y: number, s: string, font: string = FONT.sansSC, size = 27): string => text(x, y, s, { size, font, fill: '#111' });
  parts.push(lab(40, 150, '证号', 'No.'), val(140, 152, t.idNumber!, FONT.latin, 30));
  parts.push(lab(40, 212, '姓名', 'Name'), val(140, 214, t.name!));
  parts.push(lab(330, 212, '性别', 'Sex'), val(410, 214, t.sex!));
  parts.push(lab(500, 212, '国籍', 'Nationality'), val(610, 214, t.nationality!));
  parts.push(lab(40, 274, '住址', 'Address'));
  rec.lines.address!.forEach((line, i) => parts.push(val(140, 276 + i * 38, line, FONT.sansSC, 25)));
  parts.push(lab(40, 374, '出生日期', 'Date of Birth'), val(200, 376, t.birthDate!, FONT.latin));
  parts.push(lab(40, 432, '初次领证日期', 'Issue Date'), val(200, 434, t.firstIssueDate!, FONT.latin));
  parts.push(lab(40, 490, '准驾车型', 'Class'), val(200, 492, t.vehicleClass!, FONT.latin, 30));
  parts.push(lab(40, 548, '有效期限', 'Valid Period'), val(200, 550, `${t.issueDate!} 至 ${t.expiryDate!}`, FONT.latin));
  parts.push(portrait(rng, W - 290, 140, 250, 320, { bg: '#f3f3f3' }));
  // traffic police seal (round, red, authority name on the rim)
  const cx = 690;
  const cy = 565;
  const auth = rec.view.authority!;
  parts.push(`<g opacity="0.75"><circle cx="${cx}" cy="${cy}" r="92" fill="none" stroke="#c8282a" stroke-width="4"/>`);
  [...auth].forEach((c, i) => {
    const a = Math.PI * (0.8 + (1.4 * i) / Math.max(1, auth.length - 1));
    const x = cx + 70 * Math.cos(a);
    const y = cy + 70 * Math.sin(a);
    parts.push(`<g transform="rotate(${((a * 180) / Math.PI + 90).toFixed(1)} ${x.toFixed(1)} ${y.toFixed(1)})">`);
    parts.push(text(x, y + 8, c, { size: 21, font: FONT.sansSC, fill: '#c8282a', anchor: 'middle' }), '</g>');
  });
  parts.push(`<polygon points="${cx},${cy - 22} ${cx + 7},${cy - 5} ${cx + 24},${cy - 5} ${cx + 10},${cy + 6} ${cx + 15},${cy + 24} ${cx},${cy + 13} ${cx - 15},${cy + 24} ${cx - 10},${cy + 6} ${cx - 24},${cy - 5} ${cx - 7},${cy - 5}" fill="#c8282a"/></g>`);
  return { width: W, height: H, svg: svgDoc(W, H, 20, parts.join('')) };
};
