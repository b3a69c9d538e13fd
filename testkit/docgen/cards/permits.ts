/**
 * Mainland exit-entry permits and home-return permits (card editions): bilingual title band,
 * portrait left, number top right, label/value rows in Chinese with English sub-labels.
 * CHN05001 往来港澳通行证, CHN05002 港澳居民来往内地通行证, CHN05003 台湾居民来往大陆通行证,
 * CHN05004 大陆居民往来台湾通行证; each with its own colour scheme and row set.
 */
import { FONT, emblem, portrait, rosette, svgDoc, text, tint, waves } from '../svg.js';
import { ID1, type CardRenderer } from './types.js';

type PermitCode = 'CHN05001' | 'CHN05002' | 'CHN05003' | 'CHN05004';

const DESIGN: Record<PermitCode, { zh: string; en: string; base: string; a: string; b: string; line: string; head: string }> = {
  CHN05001: { zh: '中华人民共和国往来港澳通行证', en: 'EXIT-ENTRY PERMIT FOR TRAVELLING TO AND FROM HONG KONG AND MACAO', base: '#eef6f2', a: '#d7ece6', b: '#e8eef8', line: '#6fa79a', head: '#1d5b52' },
  CHN05002: { zh: '港澳居民来往内地通行证', en: 'MAINLAND TRAVEL PERMIT FOR HONG KONG AND MACAO RESIDENTS', base: '#eef2f8', a: '#d8e2f2', b: '#f1e9e4', line: '#7f95c0', head: '#23407a' },
  CHN05003: { zh: '台湾居民来往大陆通行证', en: 'MAINLAND TRAVEL PERMIT FOR TAIWAN RESIDENTS', base: '#f0f6ec', a: '#dcecd2', b: '#eef0e0', line: '#86ad74', head: '#2f5a24' },
  CHN05004: { zh: '中华人民共和国大陆居民往来台湾通行证', en: 'EXIT-ENTRY PERMIT FOR TRAVELLING TO AND FROM TAIWAN', base: '#f7eff4', a: '#efd9e6', b: '#e7e6f4', line: '#b07c9c', head: '#6a2c55' },
};

export function permitRenderer(code: PermitCode): CardRenderer {
  return (rec, _page, rng) => {
    const { width: W, height: H, radius } = ID1;
    const t = rec.truth;
    const d = DESIGN[code];
    const dot = (s: string): string => s.replace(/-/g, '.');
    const parts: string[] = [tint(W, H, d.base, d.a, d.b, 'bg'), waves(rng, 0, 0, W, H, d.line, 10, 0.2), rosette(rng, W * 0.66, H * 0.55, 220, d.line, 0.22, 7)];
    parts.push(`<g opacity="0.9">${emblem(62, 58, 34, '#c8282a', '#f2c94c')}</g>`);
    parts.push(text(112, 62, d.zh, { size: code === 'CHN05001' || code === 'CHN05004' ? 31 : 34, font: FONT.serifSC, weight: 'bold', fill: d.head }));
    parts.push(text(112, 92, d.en, { size: 15, font: FONT.latin, weight: 'bold', fill: d.head }));
    parts.push(portrait(rng, 40, 140, 250, 320, { bg: '#f4f4f4' }));
    parts.push(text(W - 40, 150, t.idNumber!, { size: 38, font: FONT.latin, weight: 'bold', fill: '#b3262b', anchor: 'end' }));
    const lab = (x: number, y: number, zh: string, en: string): string =>
      text(x, y, zh, { size: 20, font: FONT.sansSC, fill: '#4a4a4a' }) + text(x + zh.length * 21 + 8, y, en, { size: 14, font: FONT.latin, fill: '#6a6a6a' });
    const val = (x: number, y: number, s: string, size = 29, font: string = FONT.sansSC): string => text(x, y, s, { size, font, fill: '#111' });
    const x = 320;
    parts.push(lab(x, 150, '姓名', 'Name'), val(x, 190, t.name!, 36), val(x + 150, 190, t.englishName!, 26, FONT.latin));
    parts.push(lab(x, 240, '出生日期', 'Date of birth'), val(x, 276, dot(t.birthDate!), 28, FONT.latin));
    parts.push(lab(x + 300, 240, '性别', 'Sex'), val(x + 300, 276, `${t.sex === 'M' ? '男' : '女'}/${t.sex}`, 28));
    parts.push(lab(x, 326, '有效期限', 'Period of validity'), val(x, 362, `${dot(t.issueDate!)}-${dot(t.expiryDate!)}`, 28, FONT.latin));
    parts.push(lab(x, 412, '签发机关', 'Issuing authority'), val(x, 448, t.originOfIssue!, 28));
    if (t.placeOfIssue) parts.push(lab(x + 400, 240, '签发地点', 'Place of issue'), val(x + 400, 276, t.placeOfIssue, 28));
    if (rec.view.issueCount) parts.push(lab(x + 400, 412, '换证次数', 'No. of issues'), val(x + 400, 448, rec.view.issueCount, 28, FONT.latin));
    if (code === 'CHN05003' && rec.view.twId) parts.push(lab(x, 498, '台湾身份证号', 'ID No.'), val(x, 534, rec.view.twId, 26, FONT.latin));
    // fine-line band where the card carries its machine-readable lines (not rendered: no ICAO MRZ)
    parts.push(`<rect x="0" y="${H - 64}" width="${W}" height="64" fill="${d.a}" opacity="0.7"/>`);
    return { width: W, height: H, svg: svgDoc(W, H, radius, parts.join('')) };
  };
}
