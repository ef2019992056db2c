// Shared helpers for the npm cross-checks: raw file I/O, zkmsm's result JSON, and two independent
// MSM engines (@noble/curves pippenger, ffjavascript G1.multiExpAffine).
//
// Raw formats (zkmsm's defaults):
//   points:  n x 64 B, x then y, each 32 B little-endian canonical Fp; 64 zero bytes = infinity.
//   scalars: n x 32 B little-endian canonical Fr (< r).
import { readFileSync, writeFileSync } from 'node:fs';
import { bn254 } from '@noble/curves/bn254.js';
import { pippenger } from '@noble/curves/abstract/curve.js';
import { buildBn128 } from 'ffjavascript';

export const P = 21888242871839275222246405745257275088696311157297823662689037894645226208583n;
export const R = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;
export const Point = bn254.G1.Point;

// Sanity: the Ethereum curve, G = (1, 2), and noble's moduli match ours.
if (Point.Fp.ORDER !== P || Point.Fn.ORDER !== R) throw new Error('noble bn254 moduli differ from alt_bn128');

export function leToBigInt(bytes) {
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]);
  return v;
}

export function bigIntToLe(v, len = 32) {
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++, v >>= 8n) out[i] = Number(v & 0xffn);
  if (v !== 0n) throw new Error('value does not fit in ' + len + ' bytes');
  return out;
}

// Affine points are {x, y} BigInts; infinity is null.
export function encodePoints(points) {
  const buf = new Uint8Array(points.length * 64);
  points.forEach((pt, i) => {
    if (pt === null) return;
    buf.set(bigIntToLe(pt.x), i * 64);
    buf.set(bigIntToLe(pt.y), i * 64 + 32);
  });
  return buf;
}

export function decodePoints(buf) {
  if (buf.length % 64 !== 0) throw new Error(`points: ${buf.length} bytes is not a multiple of 64`);
  const points = [];
  for (let off = 0; off < buf.length; off += 64) {
    const x = leToBigInt(buf.subarray(off, off + 32));
    const y = leToBigInt(buf.subarray(off + 32, off + 64));
    if (x === 0n && y === 0n) {
      points.push(null);
      continue;
    }
    if (x >= P || y >= P) throw new Error(`points[${off / 64}]: coordinate not canonical (>= p)`);
    if ((y * y - x * x * x - 3n) % P !== 0n) throw new Error(`points[${off / 64}]: not on y^2 = x^3 + 3`);
    points.push({ x, y });
  }
  return points;
}

export function encodeScalars(scalars) {
  const buf = new Uint8Array(scalars.length * 32);
  scalars.forEach((s, i) => buf.set(bigIntToLe(s), i * 32));
  return buf;
}

export function decodeScalars(buf) {
  if (buf.length % 32 !== 0) throw new Error(`scalars: ${buf.length} bytes is not a multiple of 32`);
  const scalars = [];
  for (let off = 0; off < buf.length; off += 32) {
    const s = leToBigInt(buf.subarray(off, off + 32));
    if (s >= R) throw new Error(`scalars[${off / 32}]: not canonical (>= r)`);
    scalars.push(s);
  }
  return scalars;
}

export const readPoints = (file) => decodePoints(readFileSync(file));
export const readScalars = (file) => decodeScalars(readFileSync(file));
export const writePoints = (file, points) => writeFileSync(file, encodePoints(points));
export const writeScalars = (file, scalars) => writeFileSync(file, encodeScalars(scalars));

const hex64 = (v) => '0x' + v.toString(16).padStart(64, '0');

// zkmsm's `run --json` shape: {"infinity": bool, "x": "0x<64 hex BE>", "y": ...}.
export function resultJson(pt, extra = {}) {
  return pt === null ? { infinity: true, ...extra } : { infinity: false, x: hex64(pt.x), y: hex64(pt.y), ...extra };
}

// Parses and strictly checks a result object; returns an affine point or null (infinity).
export function parseResult(obj) {
  if (typeof obj !== 'object' || obj === null || typeof obj.infinity !== 'boolean')
    throw new Error('result JSON lacks a boolean "infinity"');
  if (obj.infinity) return null;
  const coord = (name) => {
    const s = obj[name];
    if (typeof s !== 'string' || !/^0x[0-9a-f]{64}$/.test(s))
      throw new Error(`result "${name}" is not 0x + 64 lowercase hex: ${JSON.stringify(s)}`);
    return BigInt(s);
  };
  return { x: coord('x'), y: coord('y') };
}

export const samePoint = (a, b) => (a === null || b === null ? a === b : a.x === b.x && a.y === b.y);

export const toNoble = (pt) => (pt === null ? Point.ZERO : Point.fromAffine(pt));
export const fromNoble = (q) => (q.is0() ? null : q.toAffine());

export function msmNoble(points, scalars) {
  return fromNoble(pippenger(Point, points.map(toNoble), scalars));
}

// ffjavascript keeps field elements in Montgomery form inside its wasm memory; multiExpAffine takes
// bases as x‖y 32 B little-endian Montgomery ((0,0) = infinity) and scalars as plain little-endian
// bytes of any width (width = byteLength / n). We go through G1.fromObject / toObject so no byte
// layout is guessed here.
export const buildFfjs = () => buildBn128(true);

export async function msmFfjs(curve, points, scalars) {
  const G1 = curve.G1;
  const bases = new Uint8Array(points.length * 64);
  points.forEach((pt, i) => bases.set(pt === null ? G1.zeroAffine : G1.fromObject([pt.x, pt.y]), i * 64));
  const q = G1.toAffine(await G1.multiExpAffine(bases, encodeScalars(scalars)));
  if (G1.isZero(q)) return null;
  const [x, y] = G1.toObject(q);
  return { x, y };
}

// ---- Prover file formats (independent writers for zkmsm's readers; see docs/FORMATS.md) ----

export function bigIntToBe(v, len = 32) {
  return bigIntToLe(v, len).reverse();
}

// barretenberg's SRS layout (srs/io.hpp): four 64-bit limbs, least significant first, each big-endian.
export function bigIntToBbLimbs(v) {
  const out = new Uint8Array(32);
  for (let i = 0; i < 4; i++) out.set(bigIntToBe((v >> BigInt(64 * i)) & ((1n << 64n) - 1n), 8), 8 * i);
  return out;
}

const HALF_P = (P - 1n) / 2n;

// Points ({x, y} or null) as one of zkmsm's point formats: raw, bb, arkworks, gnark. arkworks and gnark
// get their libraries' slice length prefix (u64 LE / u32 BE) unless prefix = false.
export function encodePointsAs(format, points, { prefix = true } = {}) {
  const rec = (pt) => {
    const out = new Uint8Array(64);
    switch (format) {
      case 'raw':
        if (pt) out.set(bigIntToLe(pt.x), 0), out.set(bigIntToLe(pt.y), 32);
        break;
      case 'bb': // limbs low first, each big-endian; infinity 64 x 0xFF
        if (!pt) out.fill(0xff);
        else out.set(bigIntToBbLimbs(pt.x), 0), out.set(bigIntToBbLimbs(pt.y), 32);
        break;
      case 'arkworks': // SWFlags in byte 63: 0x40 infinity, 0x80 y > (p-1)/2
        if (!pt) out[63] = 0x40;
        else {
          out.set(bigIntToLe(pt.x), 0), out.set(bigIntToLe(pt.y), 32);
          if (pt.y > HALF_P) out[63] |= 0x80;
        }
        break;
      case 'gnark': // RawBytes: flag 0b00 in byte 0, infinity all zero
        if (pt) out.set(bigIntToBe(pt.x), 0), out.set(bigIntToBe(pt.y), 32);
        break;
      default:
        throw new Error(`unknown point format ${format}`);
    }
    return out;
  };
  const head =
    format === 'arkworks' && prefix ? bigIntToLe(BigInt(points.length), 8)
    : format === 'gnark' && prefix ? bigIntToBe(BigInt(points.length), 4)
    : new Uint8Array(0);
  const buf = new Uint8Array(head.length + 64 * points.length);
  buf.set(head, 0);
  points.forEach((pt, i) => buf.set(rec(pt), head.length + 64 * i));
  return buf;
}

// Scalars as raw (LE), arkworks (u64 LE count + LE), gnark (u32 BE count + BE).
export function encodeScalarsAs(format, scalars) {
  if (format === 'raw') return encodeScalars(scalars);
  const be = format === 'gnark';
  if (!['arkworks', 'gnark'].includes(format)) throw new Error(`unknown scalar format ${format}`);
  const head = be ? bigIntToBe(BigInt(scalars.length), 4) : bigIntToLe(BigInt(scalars.length), 8);
  const buf = new Uint8Array(head.length + 32 * scalars.length);
  buf.set(head, 0);
  scalars.forEach((s, i) => buf.set(be ? bigIntToBe(s) : bigIntToLe(s), head.length + 32 * i));
  return buf;
}

// A snarkjs witness file (.wtns v2) written with @iden3/binfileutils, the layout of snarkjs' wtns_utils.
export async function writeWtns(file, values) {
  const binFileUtils = await import('@iden3/binfileutils');
  const fd = await binFileUtils.createBinFile(file, 'wtns', 2, 2);
  await binFileUtils.startWriteSection(fd, 1);
  await fd.writeULE32(32);
  await binFileUtils.writeBigInt(fd, R, 32);
  await fd.writeULE32(values.length);
  await binFileUtils.endWriteSection(fd);
  await binFileUtils.startWriteSection(fd, 2);
  for (const v of values) await binFileUtils.writeBigInt(fd, v, 32);
  await binFileUtils.endWriteSection(fd);
  await fd.close();
}

// G1 points of a .ptau section (2 = tau powers, 12 = Lagrange bases) exactly as stored: 64 B each,
// little-endian Montgomery, the layout ffjavascript's multiExpAffine takes. Read with binfileutils.
export async function readPtauSection(file, section) {
  const binFileUtils = await import('@iden3/binfileutils');
  const { fd, sections } = await binFileUtils.readBinFile(file, 'ptau', 1);
  try {
    if (!sections[section]) throw new Error(`${file}: no section ${section}`);
    return await binFileUtils.readSection(fd, sections, section);
  } finally {
    await fd.close();
  }
}

// ffjavascript MSM straight from stored bytes: bases in its affine Montgomery layout, scalars 32 B LE.
export async function msmFfjsBytes(curve, basesMont, scalarBytes) {
  const G1 = curve.G1;
  const q = G1.toAffine(await G1.multiExpAffine(basesMont, scalarBytes));
  if (G1.isZero(q)) return null;
  const [x, y] = G1.toObject(q);
  return { x, y };
}

// splitmix64 over BigInt: tiny, deterministic, and good enough to pick test inputs.
const M64 = (1n << 64n) - 1n;
export function makeRng(seed) {
  let state = BigInt(seed) & M64;
  const next64 = () => {
    state = (state + 0x9e3779b97f4a7c15n) & M64;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M64;
    return z ^ (z >> 31n);
  };
  const below = (m) => {
    const bits = BigInt(m.toString(2).length);
    for (;;) {
      let v = 0n;
      for (let b = 0n; b < bits; b += 64n) v = (v << 64n) | next64();
      v &= (1n << bits) - 1n;
      if (v < m) return v;
    }
  };
  const int = (m) => Number(below(BigInt(m)));
  const perm = (n) => {
    const a = [...Array(n).keys()];
    for (let i = n - 1; i > 0; i--) {
      const j = int(i + 1);
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  };
  return { next64, below, int, perm };
}
