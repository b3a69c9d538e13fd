/**
 * Exact algebraic rewrites of the PP-OCR (PP-LCNetV3) graphs that onnxruntime does not do
 * itself. Paddle2ONNX exports every "learnable affine block" (y = a*x + b, scalar a, b) and
 * every hard-swish (x * clip(x + 3, 0, 6) / 6) as chains of element-wise nodes, which cost
 * about half of the CPU time. Here:
 *
 *  1. Conv → Mul(a) → Add(b)            ⇒ Conv with weights a*W and bias a*B + b
 *  2. x → Add(3) → Clip(0,6) → Mul(x) → Div(6) ⇒ x * HardSigmoid(x; 1/6, 1/2)
 *  3. Mul(a) → Add(b) → Conv             ⇒ Conv with weights a*W; b goes into the bias when
 *                                          the conv has no padding, otherwise Add(b/a) stays
 *
 * All rewrites are exact up to float rounding.
 */
import { encodeTensor, readOnnx, withIO, type OnnxNode } from './onnx-graph.js';

export interface OptimizeStats {
  convAffine: number;
  hardSwish: number;
  affineConv: number;
  nodesBefore: number;
  nodesAfter: number;
}

export function optimizePaddleGraph(model: Uint8Array): { model: Uint8Array; stats: OptimizeStats } {
  const g = readOnnx(model);
  const nodes: (OnnxNode | null)[] = [...g.nodes];
  const consts = g.constants;
  const inits = new Map<string, Uint8Array>();
  const outputs = new Set(g.outputs);
  const stats: OptimizeStats = { convAffine: 0, hardSwish: 0, affineConv: 0, nodesBefore: g.nodes.length, nodesAfter: 0 };
  let uid = 0;

  let consumers = new Map<string, number[]>();
  const index = (): void => {
    consumers = new Map();
    nodes.forEach((n, i) => {
      if (!n) return;
      for (const t of n.inputs) {
        if (!t) continue;
        let l = consumers.get(t);
        if (!l) consumers.set(t, (l = []));
        l.push(i);
      }
    });
  };
  /** The only consumer of `t` (null when `t` is a graph output or has 0 or 2+ consumers). */
  const single = (t: string): number | null => {
    if (outputs.has(t)) return null;
    const l = consumers.get(t);
    return l && l.length === 1 ? l[0] : null;
  };
  const scalar = (t: string): number | null => {
    const c = consts.get(t);
    return c && c.data.length === 1 ? c.data[0] : null;
  };
  /** For a binary node with one scalar-constant input: [other input, scalar]. */
  const withScalar = (n: OnnxNode): [string, number] | null => {
    if (n.inputs.length !== 2) return null;
    const a = scalar(n.inputs[0]);
    const b = scalar(n.inputs[1]);
    if (b !== null && a === null) return [n.inputs[0], b];
    if (a !== null && b === null) return [n.inputs[1], a];
    return null;
  };
  const addConst = (base: string, dims: number[], data: Float32Array): string => {
    const name = `${base}__opt${uid++}`;
    inits.set(name, encodeTensor(name, dims, data));
    consts.set(name, { dims, data });
    return name;
  };
  const convParams = (n: OnnxNode): { W: { dims: number[]; data: Float32Array }; B: Float32Array } | null => {
    const W = consts.get(n.inputs[1]);
    if (!W || W.dims.length !== 4) return null;
    const B = n.inputs[2] ? consts.get(n.inputs[2])?.data : new Float32Array(W.dims[0]);
    if (!B || B.length !== W.dims[0]) return null;
    return { W, B };
  };

  // 1. Conv → Mul(a) → [Add(b)]
  index();
  for (let i = 0; i < nodes.length; i++) {
    const cv = nodes[i];
    if (!cv || cv.opType !== 'Conv') continue;
    const p = convParams(cv);
    if (!p) continue;
    const j = single(cv.outputs[0]);
    if (j === null || nodes[j]!.opType !== 'Mul') continue;
    const mul = withScalar(nodes[j]!);
    if (!mul) continue;
    const a = mul[1];
    let b = 0;
    let last = j;
    const k = single(nodes[j]!.outputs[0]);
    if (k !== null && nodes[k]!.opType === 'Add') {
      const add = withScalar(nodes[k]!);
      if (add) {
        b = add[1];
        last = k;
      }
    }
    const W = p.W.data.map((v) => v * a);
    const B = p.B.map((v) => v * a + b);
    const out = nodes[last]!.outputs[0];
    nodes[i] = withIO(cv, [cv.inputs[0], addConst(cv.inputs[1], p.W.dims, W), addConst(cv.inputs[2] || `${cv.name}_bias`, [B.length], B)], [out]);
    nodes[j] = null;
    if (last !== j) nodes[last] = null;
    stats.convAffine++;
  }

  // 2. Hard-swish chains.
  index();
  for (let i = 0; i < nodes.length; i++) {
    const ad = nodes[i];
    if (!ad || ad.opType !== 'Add') continue;
    const s = withScalar(ad);
    if (!s || s[1] !== 3) continue;
    const x = s[0];
    const ci = single(ad.outputs[0]);
    const cl = ci === null ? null : nodes[ci]!;
    if (!cl || cl.opType !== 'Clip') continue;
    const lo = cl.inputs.length >= 2 ? scalar(cl.inputs[1]) : cl.attrs.get('min')?.f;
    const hi = cl.inputs.length >= 3 ? scalar(cl.inputs[2]) : cl.attrs.get('max')?.f;
    if (lo !== 0 || hi !== 6) continue;
    const mi = single(cl.outputs[0]);
    const mu = mi === null ? null : nodes[mi]!;
    if (!mu || mu.opType !== 'Mul' || !mu.inputs.includes(x) || !mu.inputs.includes(cl.outputs[0])) continue;
    const di = single(mu.outputs[0]);
    const dv = di === null ? null : nodes[di]!;
    if (!dv || dv.opType !== 'Div' || dv.inputs[0] !== mu.outputs[0] || scalar(dv.inputs[1]) !== 6) continue;
    const hs = `${dv.outputs[0]}__hsig`;
    const hsig: OnnxNode = { inputs: [x], outputs: [hs], opType: 'HardSigmoid', name: `${dv.name || hs}_hsig`, attrs: new Map([['alpha', { f: 1 / 6 }], ['beta', { f: 0.5 }]]) };
    const mul: OnnxNode = { inputs: [x, hs], outputs: [dv.outputs[0]], opType: 'Mul', name: `${dv.name || hs}_hswish`, attrs: new Map() };
    nodes[i] = null;
    nodes[ci!] = null;
    nodes[mi!] = hsig;
    nodes[di!] = mul;
    stats.hardSwish++;
  }

  // 3. Mul(a) → [Add(b)] → Conv
  index();
  for (let i = 0; i < nodes.length; i++) {
    const mu = nodes[i];
    if (!mu || mu.opType !== 'Mul') continue;
    const m = withScalar(mu);
    if (!m || m[1] === 0) continue;
    const [y, a] = m;
    let b = 0;
    let addIdx: number | null = null;
    let next = single(mu.outputs[0]);
    if (next !== null && nodes[next]!.opType === 'Add') {
      const ad = withScalar(nodes[next]!);
      if (!ad) continue;
      b = ad[1];
      addIdx = next;
      next = single(nodes[next]!.outputs[0]);
    }
    if (next === null) continue;
    const cv = nodes[next]!;
    if (cv.opType !== 'Conv' || cv.inputs[0] !== nodes[addIdx ?? i]!.outputs[0]) continue;
    const p = convParams(cv);
    if (!p) continue;
    const pads = cv.attrs.get('pads')?.ints ?? [];
    const unpadded = pads.every((v) => v === 0) && (cv.attrs.get('auto_pad') === undefined);
    const [O, I, KH, KW] = p.W.dims;
    const W = p.W.data.map((v) => v * a);
    let B = p.B;
    let convIn = y;
    if (b !== 0 && unpadded) {
      B = p.B.slice();
      const per = I * KH * KW;
      for (let o = 0; o < O; o++) {
        let sum = 0;
        for (let k = 0; k < per; k++) sum += p.W.data[o * per + k];
        B[o] += b * sum;
      }
    } else if (b !== 0) {
      // conv(a*y + b) = conv_{aW}(y + b/a): keep one Add in front of the padded conv.
      const ad = nodes[addIdx!]!;
      const bn = addConst(`${ad.name || 'add'}_shift`, [1], Float32Array.of(b / a));
      nodes[addIdx!] = withIO(ad, [y, bn], ad.outputs);
      convIn = ad.outputs[0];
      addIdx = null; // kept
    }
    const bName = b !== 0 && unpadded ? addConst(cv.inputs[2] || `${cv.name}_bias`, [O], B) : cv.inputs[2] || addConst(`${cv.name}_bias`, [O], B);
    nodes[next] = withIO(cv, [convIn, addConst(cv.inputs[1], p.W.dims, W), bName], cv.outputs);
    nodes[i] = null;
    if (addIdx !== null) nodes[addIdx] = null;
    stats.affineConv++;
  }

  // Drop constants nobody uses any more.
  index();
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    if (n && n.opType === 'Constant' && !outputs.has(n.outputs[0]) && !consumers.has(n.outputs[0])) nodes[i] = null;
  }
  const kept = nodes.filter((n): n is OnnxNode => n !== null);
  stats.nodesAfter = kept.length;
  // Only the new initializers still referenced (weights rewritten twice leave a stale copy).
  const used = new Set(kept.flatMap((n) => n.inputs));
  return { model: g.write(kept, [...inits].filter(([name]) => used.has(name)).map(([, t]) => t)), stats };
}
