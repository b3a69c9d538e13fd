/**
 * Korean resident registration card (KOR01001: 주민등록증, name with Hanja, RRN, two address lines,
 * issue date and the issuing district head with a red seal; portrait right) and driving licence
 * (KOR02001: 자동차운전면허증, licence number, type, name, RRN, address, renewal period, issue date,
 * issuing police agency; portrait left).
 */
import { FONT, portrait, rosette, svgDoc, text, tint, waves } from '../svg.js';
import { ID1, type CardRenderer } from './types.js';

const seal = (x: number, y: number, s: number, label: string): string =>
  `<g opacity="0.8"><rect x="${x}" y="${y}" width="${s}" height="${s}" fill="none" stroke="#c8282a" stroke-width="4"/>` +
  text(x + s / 2, y + s * 0.62, label, { size: s * 0.32, font: FONT.serifKR, fill: '#c8282a', anchor: 'middle' }) +
  '</g>';

/** Taegeuk-like circle as a faint background mark. */
const taegeuk = (cx: number, cy: number, r: number): string =>
  `<g opacity="0.12"><circle cx="${cx}" cy="${cy}" r="${r}" fill="#2a4fa0"/>` +
  `<path d="M ${cx - r} ${cy} A ${r} ${r} 0 0 1 ${cx + r} ${cy} A ${r / 2} ${r / 2} 0 0 1 ${cx} ${cy} A ${r / 2} ${r / 2} 0 0 0 ${cx - r} ${cy} Z" fill="#c8282a"/></g>`;

export const kor01001: CardRenderer = (rec, _page, rng) => {
  const { width: W, height: H, radius } = ID1;
  const t = rec.truth;
  const parts: string[] = [tint(W, H, '#f3f5f8', '#e2e9f3', '#f3e8ea', 'bg'), waves(rng, 0, 0, W, H, '#8ea4c8', 11, 0.2)];
  parts.push(taegeuk(W * 0.42, H * 0.5, 170), rosette(rng, W * 0.42, H * 0.5, 230, '#8ea4c8', 0.18, 6));
  parts.push(text(60, 100, '주민등록증', { size: 54, font: FONT.sansKR, weight: 'bold', fill: '#1a1a1a', spacing: 6 }));
  parts.push(text(60, 190, `${t.name!}${t.hanjaName!}`, { size: 38, font: FONT.sansKR, fill: '#111' }));
  parts.push(text(60, 262, t.idNumber!, { size: 38, font: FONT.latin, fill: '#111' }));
  rec.lines.address!.forEach((line, i) => parts.push(text(60, 340 + i * 42, line, { size: 27, font: FONT.sansKR, fill: '#111' })));
  parts.push(text(420, 520, rec.view.issuePrinted!, { size: 28, font: FONT.latin, fill: '#111' }));
  parts.push(text(300, 580, t.originOfIssue!, { size: 32, font: FONT.sansKR, weight: 'bold', fill: '#111' }));
  parts.push(seal(300 + t.originOfIssue!.length * 32 + 10, 530, 70, '직인'));
  parts.push(portrait(rng, 700, 70, 260, 330, { bg: '#eef1f4' }));
  return { width: W, height: H, svg: svgDoc(W, H, radius, parts.join('')) };
};

export const kor02001: CardRenderer = (rec, _page, rng) => {
  const { width: W, height: H, radius } = ID1;
  const t = rec.truth;
  const v = rec.view;
  const parts: string[] = [tint(W, H, '#f6f3ea', '#eee3c8', '#e3ecf2', 'bg'), waves(rng, 0, 0, W, H, '#c2a86a', 10, 0.22)];
  parts.push(rosette(rng, W * 0.62, H * 0.55, 220, '#b89a5a', 0.2, 7));
  parts.push(text(40, 70, '자동차운전면허증', { size: 40, font: FONT.sansKR, weight: 'bold', fill: '#2a2a2a' }));
  parts.push(text(400, 70, "(Driver's License)", { size: 22, font: FONT.latin, fill: '#2a2a2a' }));
  parts.push(portrait(rng, 40, 110, 240, 300, { bg: '#eef0f2' }));
  const x = 310;
  parts.push(text(x, 128, t.licenseType!, { size: 30, font: FONT.sansKR, weight: 'bold', fill: '#111' }));
  parts.push(text(x + 150, 128, t.licenseNumber!, { size: 34, font: FONT.latin, weight: 'bold', fill: '#111' }));
  const row = (y: number, label: string, value: string, font: string = FONT.sansKR): string =>
    text(x, y, label, { size: 22, font: FONT.sansKR, fill: '#555' }) + text(x + 110, y, value, { size: 28, font, fill: '#111' });
  parts.push(row(190, '성명', t.name!));
  parts.push(row(240, '주민번호', t.idNumber!, FONT.latin));
  parts.push(text(x, 290, '주소', { size: 22, font: FONT.sansKR, fill: '#555' }));
  rec.lines.address!.forEach((line, i) => parts.push(text(x + 110, 290 + i * 38, line, { size: 23, font: FONT.sansKR, fill: '#111' })));
  parts.push(text(x, 400, '적성검사기간', { size: 22, font: FONT.sansKR, fill: '#555' }), text(x + 150, 400, v.periodPrinted!, { size: 27, font: FONT.latin, fill: '#111' }));
  parts.push(text(x, 448, '조건', { size: 22, font: FONT.sansKR, fill: '#555' }));
  parts.push(text(560, 520, v.issuePrinted!, { size: 28, font: FONT.latin, fill: '#111' }));
  parts.push(text(500, 580, t.originOfIssue!, { size: 32, font: FONT.sansKR, weight: 'bold', fill: '#111' }));
  parts.push(seal(500 + t.originOfIssue!.length * 32 + 10, 528, 70, '직인'));
  parts.push(text(40, 460, '암호일련번호', { size: 18, font: FONT.sansKR, fill: '#555' }), text(40, 492, v.serial!, { size: 24, font: FONT.latin, fill: '#111' }));
  return { width: W, height: H, svg: svgDoc(W, H, radius, parts.join('')) };
};
