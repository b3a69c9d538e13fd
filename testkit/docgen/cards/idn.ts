/**
 * Indonesian e-KTP: blue card, centred PROVINSI / city header, large NIK row, then "label : value"
 * rows (Nama, Tempat/Tgl Lahir, Jenis Kelamin + Gol. Darah, Alamat, RT/RW, Kel/Desa, Kecamatan,
 * Agama, Status Perkawinan, Pekerjaan, Kewarganegaraan, Berlaku Hingga); portrait right with the
 * place and date of issue under it.
 */
import { FONT, portrait, rosette, svgDoc, text, tint, waves } from '../svg.js';
import { ID1, type CardRenderer } from './types.js';

export const idn01001: CardRenderer = (rec, _page, rng) => {
  const { width: W, height: H, radius } = ID1;
  const t = rec.truth;
  const v = rec.view;
  const parts: string[] = [tint(W, H, '#bfe0f2', '#a8d2ec', '#d6ecf5', 'bg'), waves(rng, 0, 0, W, H, '#5a9cc8', 9, 0.25)];
  parts.push(rosette(rng, W * 0.45, H * 0.58, 200, '#4f8fc0', 0.2, 6));
  const head = { size: 30, font: FONT.latin, weight: 'bold' as const, fill: '#111', anchor: 'middle' as const };
  parts.push(text(W / 2, 50, `PROVINSI ${t.province}`, head));
  parts.push(text(W / 2, 88, t.city!, head));
  const lx = 36;
  const cx = 250;
  const vx = 268;
  parts.push(text(lx, 142, 'NIK', { size: 32, font: FONT.latin, weight: 'bold', fill: '#111' }), text(cx - 6, 142, ':', { size: 32, font: FONT.latin, weight: 'bold' }));
  parts.push(text(vx, 142, t.nik!, { size: 36, font: FONT.ocrb, fill: '#111', spacing: 2 }));
  const rows: [string, string][] = [
    ['Nama', t.name!],
    ['Tempat/Tgl Lahir', `${t.placeOfBirth}, ${v.birthPrinted}`],
    ['Jenis Kelamin', t.sex!],
    ['Alamat', t.address!],
    ['RT/RW', t.rtRw!],
    ['Kel/Desa', t.village!],
    ['Kecamatan', t.district!],
    ['Agama', t.religion!],
    ['Status Perkawinan', t.maritalStatus!],
    ['Pekerjaan', t.occupation!],
    ['Kewarganegaraan', t.nationality!],
    ['Berlaku Hingga', t.expiryDate!],
  ];
  rows.forEach(([label, value], i) => {
    const y = 190 + i * 36.5;
    const indent = ['RT/RW', 'Kel/Desa', 'Kecamatan'].includes(label) ? 24 : 0;
    parts.push(text(lx + indent, y, label, { size: 22, font: FONT.latin, fill: '#111' }), text(cx, y, ':', { size: 22, font: FONT.latin }));
    parts.push(text(vx, y, value, { size: 23, font: FONT.latin, fill: '#111' }));
  });
  // blood type shares the Jenis Kelamin row
  parts.push(text(560, 190 + 2 * 36.5, 'Gol. Darah', { size: 22, font: FONT.latin, fill: '#111' }), text(680, 190 + 2 * 36.5, `: ${t.bloodType}`, { size: 23, font: FONT.latin }));
  parts.push(portrait(rng, 745, 140, 225, 290, { bg: '#c8262c' }));
  parts.push(text(857, 470, v.cityShort!, { size: 20, font: FONT.latin, fill: '#111', anchor: 'middle' }));
  parts.push(text(857, 498, v.issuePrinted!, { size: 20, font: FONT.latin, fill: '#111', anchor: 'middle' }));
  parts.push(`<path d="M 790 560 q 20 -40 40 -5 t 40 0 q 15 -30 30 5" fill="none" stroke="#222" stroke-width="2.5"/>`);
  return { width: W, height: H, svg: svgDoc(W, H, radius, parts.join('')) };
};
