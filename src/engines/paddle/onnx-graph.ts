/**
 * A minimal ONNX (protobuf) reader/writer: just enough to list a graph's nodes and
 * constant tensors and to re-emit the model with a rewritten node list. Unknown fields
 * are carried through byte for byte.
 */

interface Field {
  readonly no: number;
  readonly wire: number;
  /** Varint / fixed value (wire 0, 1, 5) as a number. */
  readonly num: number;
  /** Payload bytes (wire 2) or the raw encoded value (other wires). */
  readonly bytes: Uint8Array;
}

function readVarint(b: Uint8Array, pos: number): [number, number] {
  let result = 0;
  let mul = 1;
  for (;;) {
    const byte = b[pos++];
    result += (byte & 0x7f) * mul;
    if (byte < 0x80) return [result, pos];
    mul *= 128;
  }
}

function parseFields(b: Uint8Array): Field[] {
  const out: Field[] = [];
  let pos = 0;
  while (pos < b.length) {
    const [key, p1] = readVarint(b, pos);
    const no = Math.floor(key / 8);
    const wire = key & 7;
    let p = p1;
    if (wire === 0) {
      const start = p;
      const [v, p2] = readVarint(b, p);
      p = p2;
      out.push({ no, wire, num: v, bytes: b.subarray(start, p) });
    } else if (wire === 2) {
      const [len, p2] = readVarint(b, p);
      out.push({ no, wire, num: len, bytes: b.subarray(p2, p2 + len) });
      p = p2 + len;
    } else if (wire === 5) {
      out.push({ no, wire, num: new DataView(b.buffer, b.byteOffset + p, 4).getFloat32(0, true), bytes: b.subarray(p, p + 4) });
      p += 4;
    } else if (wire === 1) {
      out.push({ no, wire, num: 0, bytes: b.subarray(p, p + 8) });
      p += 8;
    } else {
      throw new Error(`unsupported protobuf wire type ${wire}`);
    }
    pos = p;
  }
  return out;
}

function varint(v: number): number[] {
  const out: number[] = [];
  while (v >= 0x80) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

/** Serialise fields (wire 2 payloads are length-prefixed, others copied as encoded). */
function writeFields(fields: readonly Field[]): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  for (const f of fields) {
    const head = f.wire === 2 ? [...varint(f.no * 8 + 2), ...varint(f.bytes.length)] : varint(f.no * 8 + f.wire);
    const h = Uint8Array.from(head);
    parts.push(h, f.bytes);
    total += h.length + f.bytes.length;
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const utf8 = new TextDecoder();
const enc = new TextEncoder();
const str = (f: Field): string => utf8.decode(f.bytes);
const bytesField = (no: number, bytes: Uint8Array): Field => ({ no, wire: 2, num: bytes.length, bytes });
const strField = (no: number, s: string): Field => bytesField(no, enc.encode(s));

export interface OnnxAttr {
  readonly f?: number;
  readonly i?: number;
  readonly ints?: number[];
  readonly floats?: number[];
}

export interface OnnxNode {
  readonly inputs: string[];
  readonly outputs: string[];
  readonly opType: string;
  readonly name: string;
  readonly attrs: ReadonlyMap<string, OnnxAttr>;
  /** Original encoding (re-used on write when the node is unchanged). */
  readonly raw?: Uint8Array;
}

export interface OnnxGraph {
  readonly nodes: OnnxNode[];
  /** Constant tensors (initializers and Constant nodes) with float data, by name. */
  readonly constants: Map<string, { dims: number[]; data: Float32Array }>;
  /** Graph output names. */
  readonly outputs: readonly string[];
  /** Opset version of the default domain. */
  readonly opset: number;
  /** Rebuild the model bytes with a new node list and extra initializers (everything else unchanged). */
  write(nodes: readonly OnnxNode[], initializers?: readonly Uint8Array[]): Uint8Array;
}

function parseTensor(b: Uint8Array): { name: string; dims: number[]; data: Float32Array | null } {
  let name = '';
  const dims: number[] = [];
  let type = 0;
  let raw: Uint8Array | null = null;
  const floats: number[] = [];
  for (const f of parseFields(b)) {
    if (f.no === 1) {
      if (f.wire === 0) dims.push(f.num);
      else {
        let p = 0;
        while (p < f.bytes.length) {
          const [v, p2] = readVarint(f.bytes, p);
          dims.push(v);
          p = p2;
        }
      }
    } else if (f.no === 2) type = f.num;
    else if (f.no === 8) name = str(f);
    else if (f.no === 9) raw = f.bytes;
    else if (f.no === 4) {
      if (f.wire === 5) floats.push(f.num);
      else for (let p = 0; p + 4 <= f.bytes.length; p += 4) floats.push(new DataView(f.bytes.buffer, f.bytes.byteOffset + p, 4).getFloat32(0, true));
    }
  }
  if (type !== 1) return { name, dims, data: null };
  if (raw) {
    const data = new Float32Array(raw.length / 4);
    const dv = new DataView(raw.buffer, raw.byteOffset, raw.length);
    for (let i = 0; i < data.length; i++) data[i] = dv.getFloat32(4 * i, true);
    return { name, dims, data };
  }
  return { name, dims, data: Float32Array.from(floats) };
}

export function readOnnx(model: Uint8Array): OnnxGraph {
  const top = parseFields(model);
  const gi = top.findIndex((f) => f.no === 7 && f.wire === 2);
  if (gi < 0) throw new Error('no graph in ONNX model');
  const gfields = parseFields(top[gi].bytes);
  const nodes: OnnxNode[] = [];
  const constants = new Map<string, { dims: number[]; data: Float32Array }>();
  const outputs: string[] = [];
  let opset = 0;
  for (const f of top) {
    if (f.no === 8 && f.wire === 2) {
      const of = parseFields(f.bytes);
      const dom = of.find((x) => x.no === 1);
      const ver = of.find((x) => x.no === 2);
      if ((!dom || str(dom) === '' || str(dom) === 'ai.onnx') && ver) opset = ver.num;
    }
  }
  for (const f of gfields) {
    if (f.no === 12) {
      const nm = parseFields(f.bytes).find((x) => x.no === 1);
      if (nm) outputs.push(str(nm));
    }
    if (f.no === 1) {
      const inputs: string[] = [];
      const outputs: string[] = [];
      let opType = '';
      let name = '';
      let value: Uint8Array | null = null;
      const attrs = new Map<string, OnnxAttr>();
      for (const nf of parseFields(f.bytes)) {
        if (nf.no === 1) inputs.push(str(nf));
        else if (nf.no === 2) outputs.push(str(nf));
        else if (nf.no === 3) name = str(nf);
        else if (nf.no === 4) opType = str(nf);
        else if (nf.no === 5) {
          const af = parseFields(nf.bytes);
          const an = af.find((a) => a.no === 1);
          const at = af.find((a) => a.no === 5);
          if (an && str(an) === 'value' && at) value = at.bytes;
          if (an) attrs.set(str(an), parseAttr(af));
        }
      }
      nodes.push({ inputs, outputs, opType, name, attrs, raw: f.bytes });
      if (opType === 'Constant' && value) {
        const t = parseTensor(value);
        if (t.data) constants.set(outputs[0], { dims: t.dims, data: t.data });
      }
    } else if (f.no === 5) {
      const t = parseTensor(f.bytes);
      if (t.data) constants.set(t.name, { dims: t.dims, data: t.data });
    }
  }
  return {
    nodes,
    constants,
    outputs,
    opset,
    write(newNodes: readonly OnnxNode[], initializers: readonly Uint8Array[] = []): Uint8Array {
      const g: Field[] = [];
      let emitted = false;
      for (const f of gfields) {
        if (f.no === 1) {
          if (!emitted) {
            for (const n of newNodes) g.push(bytesField(1, n.raw ?? encodeNode(n)));
            emitted = true;
          }
          continue;
        }
        g.push(f);
      }
      for (const t of initializers) g.push(bytesField(5, t));
      const gbytes = writeFields(g);
      return writeFields(top.map((f, i) => (i === gi ? bytesField(7, gbytes) : f)));
    },
  };
}

function parseAttr(fields: readonly Field[]): OnnxAttr {
  let f: number | undefined;
  let i: number | undefined;
  const ints: number[] = [];
  const floats: number[] = [];
  for (const a of fields) {
    if (a.no === 2 && a.wire === 5) f = a.num;
    else if (a.no === 3 && a.wire === 0) i = a.num;
    else if (a.no === 8) {
      if (a.wire === 0) ints.push(a.num);
      else {
        let p = 0;
        while (p < a.bytes.length) {
          const [v, p2] = readVarint(a.bytes, p);
          ints.push(v);
          p = p2;
        }
      }
    } else if (a.no === 7) {
      if (a.wire === 5) floats.push(a.num);
      else for (let p = 0; p + 4 <= a.bytes.length; p += 4) floats.push(new DataView(a.bytes.buffer, a.bytes.byteOffset + p, 4).getFloat32(0, true));
    }
  }
  return { f, i, ints, floats };
}

function f32(v: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setFloat32(0, v, true);
  return b;
}

function encodeNode(n: OnnxNode): Uint8Array {
  const fields: Field[] = [];
  for (const i of n.inputs) fields.push(strField(1, i));
  for (const o of n.outputs) fields.push(strField(2, o));
  fields.push(strField(3, n.name));
  fields.push(strField(4, n.opType));
  for (const [name, a] of n.attrs) {
    // Only float attributes are needed by the rewrites (AttributeProto.type FLOAT = 1).
    if (a.f === undefined) throw new Error(`cannot encode attribute ${name}`);
    fields.push(bytesField(5, writeFields([strField(1, name), { no: 2, wire: 5, num: a.f, bytes: f32(a.f) }, { no: 20, wire: 0, num: 1, bytes: Uint8Array.of(1) }])));
  }
  return writeFields(fields);
}

/** A copy of `node` with new inputs/outputs; every other field (attributes...) is kept as encoded. */
export function withIO(node: OnnxNode, inputs: string[], outputs: string[]): OnnxNode {
  if (!node.raw) return { ...node, inputs, outputs };
  const rest = parseFields(node.raw).filter((f) => f.no !== 1 && f.no !== 2);
  const raw = writeFields([...inputs.map((i) => strField(1, i)), ...outputs.map((o) => strField(2, o)), ...rest]);
  return { ...node, inputs, outputs, raw };
}

/** Encode a float tensor as an initializer (TensorProto with raw_data). */
export function encodeTensor(name: string, dims: readonly number[], data: Float32Array): Uint8Array {
  const raw = new Uint8Array(data.length * 4);
  const dv = new DataView(raw.buffer);
  for (let i = 0; i < data.length; i++) dv.setFloat32(4 * i, data[i], true);
  const fields: Field[] = [];
  for (const d of dims) fields.push({ no: 1, wire: 0, num: d, bytes: Uint8Array.from(varint(d)) });
  fields.push({ no: 2, wire: 0, num: 1, bytes: Uint8Array.of(1) });
  fields.push(strField(8, name));
  fields.push(bytesField(9, raw));
  return writeFields(fields);
}
