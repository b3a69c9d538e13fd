/** PRC second-generation resident identity card: portrait side (01) and national-emblem side (02). */
import { FONT, emblem, portrait, rosette, svgDoc, text, tint, waves } from '../svg.js';
import { ID1, type CardRenderer } from './types.js';

const LABEL = '#2f6fa3';

export const chn01001: CardRenderer = (rec, page, rng) => {
  const { width: W, height: H, radius } = ID1;
  const t = rec.truth;
  const parts: string[] = [tint(W, H, '#f4f7f6', '#dfeef6', '#f6e6ea', 'bg')];
  parts.push(waves(rng, 0, 0, W, H, '#8fb6d2', 11, 0.22));
  if (page === '01') {
    parts.push(rosette(rng, W * 0.45, H * 0.52, 210, '#c99aa8', 0.22, 7));
    const lab = (x: number, y: number, s: string): string => text(x, y, s, { size: 25, fill: LABEL, font: FONT.sansSC, spacing: s.length === 2 ? 14 : 0 });
    const val = (x: number, y: number, s: string, size = 30): string => text(x, y, s, { size, font: FONT.sansSC, fill: '#111' });
    parts.push(lab(80, 118, '姓名'), val(180, 120, t.name!, 34));
    parts.push(lab(80, 196, '性别'), val(180, 198, t.sex!));
    parts.push(lab(300, 196, '民族'), val(398, 198, t.ethnicity!));
    parts.push(lab(80, 274, '出生'), val(180, 276, rec.view.birthY!), lab(266, 274, '年'));
    parts.push(val(318, 276, rec.view.birthM!), lab(362, 274, '月'), val(414, 276, rec.view.birthD!), lab(460, 274, '日'));
    parts.push(lab(80, 352, '住址'));
    rec.lines.address!.forEach((line, i) => parts.push(val(180, 354 + i * 44, line)));
    parts.push(text(80, 566, '公民身份号码', { size: 25, fill: LABEL, font: FONT.sansSC, spacing: 2 }));
    parts.push(text(330, 570, t.idNumber!, { size: 40, font: FONT.ocrb, fill: '#111', spacing: 5 }));
    parts.push(portrait(rng, 648, 82, 300, 372, { bg: 'none' }));
  } else {
    parts.push(rosette(rng, W * 0.62, H * 0.45, 240, '#d7a0a0', 0.2, 8));
    parts.push(emblem(150, 160, 92, '#c8282a', '#f2c94c'));
    parts.push(text(300, 150, '中华人民共和国', { size: 52, font: FONT.serifSC, weight: 'bold', fill: '#1a1a1a', spacing: 14 }));
    parts.push(text(290, 285, '居民身份证', { size: 84, font: FONT.serifSC, weight: 'bold', fill: '#1a1a1a', spacing: 26 }));
    parts.push(text(200, 470, '签发机关', { size: 27, fill: '#1a1a1a', font: FONT.sansSC, spacing: 6 }));
    parts.push(text(376, 472, t.issueAuthority!, { size: 30, font: FONT.sansSC, fill: '#111' }));
    parts.push(text(200, 550, '有效期限', { size: 27, fill: '#1a1a1a', font: FONT.sansSC, spacing: 6 }));
    parts.push(text(376, 552, t.validPeriod!, { size: 30, font: FONT.sansSC, fill: '#111' }));
  }
  return { width: W, height: H, svg: svgDoc(W, H, radius, parts.join('')) };
};
