/**
 * Macao resident identity cards, three editions that differ in layout and colour:
 * MAC01001 (2023): portrait left, teal design, Chinese/Portuguese labels, number top right;
 * MAC01002 (2013): portrait right, violet design, number bottom left;
 * MAC01003 (2002): portrait left, ochre design, compact rows, number under the portrait.
 * Names print as the Chinese full name and the Latin "SURNAME, GIVEN NAMES".
 */
import { FONT, portrait, rosette, svgDoc, text, tint, waves } from '../svg.js';
import { ID1, type CardRenderer } from './types.js';

type Edition = 'MAC01001' | 'MAC01002' | 'MAC01003';

export function macaoRenderer(edition: Edition): CardRenderer {
  return (rec, _page, rng) => {
    const { width: W, height: H, radius } = ID1;
    const t = rec.truth;
    const v = rec.view;
    const dmy = (iso: string): string => iso.split('-').reverse().join('-');
    const lab = (x: number, y: number, zh: string, pt: string, colour: string): string =>
      text(x, y, `${zh} ${pt}`, { size: 17, font: FONT.sansTC, fill: colour });
    const val = (x: number, y: number, s: string, size = 28, font: string = FONT.latin): string => text(x, y, s, { size, font, fill: '#111' });
    const permanent = !t.idNumber!.startsWith('7');
    const titleZh = permanent ? '澳門特別行政區永久性居民身份證' : '澳門特別行政區居民身份證';
    const titlePt = permanent ? 'BILHETE DE IDENTIDADE DE RESIDENTE PERMANENTE' : 'BILHETE DE IDENTIDADE DE RESIDENTE';
    const parts: string[] = [];
    const latinName = `${t.surname}, ${t.givenname}`;
    if (edition === 'MAC01001') {
      const c = '#1e6a6a';
      parts.push(tint(W, H, '#eef6f5', '#d6ecea', '#eae6f3', 'bg'), waves(rng, 0, 0, W, H, '#6fb0aa', 9, 0.2), rosette(rng, W * 0.65, H * 0.5, 230, '#6fb0aa', 0.2, 8));
      parts.push(text(40, 56, titleZh, { size: 30, font: FONT.sansTC, weight: 'bold', fill: c }));
      parts.push(text(40, 86, titlePt, { size: 17, font: FONT.latin, weight: 'bold', fill: c }));
      parts.push(portrait(rng, 40, 120, 250, 320, { bg: '#eef2f2' }));
      parts.push(text(W - 40, 150, t.idNumber!, { size: 36, font: FONT.latin, weight: 'bold', fill: '#111', anchor: 'end' }));
      const x = 320;
      parts.push(lab(x, 130, '姓名', 'Nome', c), val(x, 172, `${t.surnameCN}${t.givennameCN}`, 36, FONT.sansTC), val(x, 214, latinName, 28));
      parts.push(lab(x, 262, '性別', 'Sexo', c), val(x, 298, t.sex!));
      parts.push(lab(x + 130, 262, '出生日期', 'Data de nascimento', c), val(x + 130, 298, dmy(t.birthDate!)));
      parts.push(lab(x, 346, '出生地點', 'Local de nascimento', c), val(x, 384, t.placeOfBirth!, 28, FONT.sansTC));
      parts.push(lab(x, 432, '簽發日期', 'Data de emissão', c), val(x, 468, dmy(v.issueDate!)));
      parts.push(lab(x + 300, 432, '有效期至', 'Válido até', c), val(x + 300, 468, dmy(t.expiryDate!)));
      parts.push(lab(x, 516, '首次發證日期', 'Data do primeiro emissão', c), val(x, 552, v.firstIssue!));
      parts.push(`<g opacity="0.25">${portrait(rng, W - 170, 430, 120, 150, { mono: true, bg: 'none' })}</g>`);
    } else if (edition === 'MAC01002') {
      const c = '#5a3a7a';
      parts.push(tint(W, H, '#f5f0f7', '#e7dbf0', '#f4e4e8', 'bg'), waves(rng, 0, 0, W, H, '#a08ac0', 11, 0.22), rosette(rng, W * 0.35, H * 0.52, 220, '#b08aa8', 0.2, 6));
      parts.push(text(W / 2, 54, titleZh, { size: 30, font: FONT.serifTC, weight: 'bold', fill: c, anchor: 'middle' }));
      parts.push(text(W / 2, 84, titlePt, { size: 17, font: FONT.latin, fill: c, anchor: 'middle' }));
      parts.push(portrait(rng, 712, 120, 260, 330, { bg: '#f0eef2' }));
      const x = 40;
      parts.push(lab(x, 130, '姓名', 'Nome', c), val(x, 172, `${t.surnameCN}${t.givennameCN}`, 36, FONT.sansTC), val(x, 214, latinName, 28));
      parts.push(lab(x, 262, '出生日期', 'Data de nascimento', c), val(x, 298, dmy(t.birthDate!)));
      parts.push(lab(x + 330, 262, '性別', 'Sexo', c), val(x + 330, 298, t.sex!));
      parts.push(lab(x, 346, '有效期至', 'Válido até', c), val(x, 382, dmy(t.expiryDate!)));
      parts.push(lab(x + 330, 346, '簽發日期', 'Data de emissão', c), val(x + 330, 382, dmy(v.issueDate!)));
      parts.push(lab(x, 430, '出生地點', 'Local de nascimento', c), val(x, 468, t.placeOfBirth!, 28, FONT.sansTC));
      parts.push(lab(x + 330, 430, '首次發證日期', 'Primeira emissão', c), val(x + 330, 468, v.firstIssue!));
      parts.push(text(40, 585, t.idNumber!, { size: 40, font: FONT.latin, weight: 'bold', fill: '#111' }));
    } else {
      const c = '#7a5a1e';
      parts.push(tint(W, H, '#f8f3e6', '#efe2bf', '#f2e6dc', 'bg'), waves(rng, 0, 0, W, H, '#c8a660', 13, 0.25), rosette(rng, W * 0.6, H * 0.45, 200, '#c8a660', 0.24, 5));
      parts.push(text(40, 52, titleZh, { size: 28, font: FONT.serifTC, fill: c }));
      parts.push(text(40, 80, titlePt, { size: 16, font: FONT.serif, fill: c }));
      parts.push(portrait(rng, 40, 110, 230, 290, { bg: '#f1ece0' }));
      parts.push(text(155, 450, t.idNumber!, { size: 34, font: FONT.latin, weight: 'bold', fill: '#111', anchor: 'middle' }));
      const x = 300;
      parts.push(lab(x, 124, '姓名', 'Nome', c), val(x, 162, `${t.surnameCN}${t.givennameCN}`, 34, FONT.sansTC), val(x, 200, latinName, 27));
      parts.push(lab(x, 244, '性別', 'Sexo', c), val(x + 100, 244, t.sex!, 26));
      parts.push(lab(x, 290, '出生日期', 'Data de nascimento', c), val(x + 300, 290, dmy(t.birthDate!), 26));
      parts.push(lab(x, 336, '出生地點', 'Local de nascimento', c), val(x + 300, 336, t.placeOfBirth!, 26, FONT.sansTC));
      parts.push(lab(x, 382, '首次發證', 'Primeira emissão', c), val(x + 300, 382, v.firstIssue!, 26));
      parts.push(lab(x, 428, '簽發日期', 'Data de emissão', c), val(x + 300, 428, dmy(v.issueDate!), 26));
      parts.push(lab(x, 474, '有效期至', 'Válido até', c), val(x + 300, 474, dmy(t.expiryDate!), 26));
      parts.push(`<rect x="0" y="${H - 90}" width="${W}" height="90" fill="#efe2bf" opacity="0.6"/>`);
    }
    return { width: W, height: H, svg: svgDoc(W, H, radius, parts.join('')) };
  };
}
