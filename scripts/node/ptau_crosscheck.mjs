#!/usr/bin/env node
// zkmsm on real snarkjs files, cross-checked against ffjavascript's G1.multiExpAffine on the same bytes.
// Usage: node ptau_crosscheck.mjs --zkmsm PATH [--power 8] [--ptau FILE] [--seed N] [--zkmsm-arg ARG]... [--keep]
//   --zkmsm-arg  extra argument for every `zkmsm run` (repeatable), e.g. --zkmsm-arg=--backend=cuda
//   Makes a .ptau with snarkjs (new → contribute → prepare phase2; or uses --ptau, which must be
//   prepared), writes .wtns witnesses, and checks `zkmsm run` on τ powers (section 2), Lagrange bases
//   (section 12), --bases-offset, --n, --batch, files converted by `zkmsm convert` and files written by
//   independent JS encoders (bb, arkworks, gnark); snarkjs must read zkmsm's .wtns; malformed files must
//   be refused with exit 2 and a message naming the file. One PASS/FAIL line per case on stderr.
// Exit 0 all pass, 1 any failure, 2 usage.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as snarkjs from 'snarkjs';
import {
  P, R, encodeScalars, parseResult, samePoint, buildFfjs, msmFfjsBytes, msmNoble, readPtauSection, writeWtns,
  encodePointsAs, encodeScalarsAs, leToBigInt, makeRng,
} from './lib.mjs';

const usage =
  'usage: node ptau_crosscheck.mjs --zkmsm PATH [--power 8] [--ptau FILE] [--seed N] [--zkmsm-arg ARG]... [--keep]';
let args;
try {
  ({ values: args } = parseArgs({
    options: {
      zkmsm: { type: 'string' },
      power: { type: 'string', default: '8' },
      ptau: { type: 'string' },
      seed: { type: 'string', default: '1' },
      'zkmsm-arg': { type: 'string', multiple: true, default: [] },
      keep: { type: 'boolean', default: false },
    },
  }));
  if (!args.zkmsm) throw new Error('--zkmsm is required');
  if (!/^\d+$/.test(args.power) || +args.power < 3 || +args.power > 16) throw new Error('--power must be 3..16');
  if (!/^\d+$/.test(args.seed)) throw new Error('--seed must be a non-negative integer');
  accessSync(args.zkmsm, constants.X_OK);
} catch (e) {
  console.error(`${e.message}\n${usage}`);
  process.exit(2);
}

// Scalars below r, with the edge values 0, 1, r − 1 mixed in.
const { next64 } = makeRng(BigInt(args.seed) * 0x9e3779b97f4a7c15n);
const scalar = () => {
  const roll = next64() % 16n;
  if (roll === 0n) return 0n;
  if (roll === 1n) return 1n;
  if (roll === 2n) return R - 1n;
  if (roll === 3n) return next64() & 0xffffn;
  return ((next64() << 192n) | (next64() << 128n) | (next64() << 64n) | next64()) % R;
};
const scalars = (n) => Array.from({ length: n }, scalar);

// Montgomery (radix 2^256) → canonical, for the JS re-encoders.
const modpow = (b, e, m) => {
  let r = 1n;
  for (b %= m; e > 0n; e >>= 1n, b = (b * b) % m) if (e & 1n) r = (r * b) % m;
  return r;
};
const R_INV = modpow((1n << 256n) % P, P - 2n, P);
const pointsFromMont = (buf) => {
  const out = [];
  for (let off = 0; off < buf.length; off += 64) {
    const xm = leToBigInt(buf.subarray(off, off + 32)), ym = leToBigInt(buf.subarray(off + 32, off + 64));
    out.push(xm === 0n && ym === 0n ? null : { x: (xm * R_INV) % P, y: (ym * R_INV) % P });
  }
  return out;
};

const dir = mkdtempSync(join(tmpdir(), 'zkmsm-ptau-'));
const path = (name) => join(dir, name);
let failures = 0;
const report = (ok, name, detail = '') => {
  if (!ok) failures++;
  console.error(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? ': ' + detail : ''}`);
};

function zkmsm(argv) {
  const r = spawnSync(args.zkmsm, argv, { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function zkmsmRun(argv) {
  const r = zkmsm(['run', '--json', ...args['zkmsm-arg'], ...argv]);
  if (r.code !== 0) throw new Error(`zkmsm ${argv.join(' ')} exited ${r.code}: ${r.stderr.trim()}`);
  return JSON.parse(r.stdout);
}
const show = (pt) => (pt === null ? 'infinity' : `(${pt.x.toString(16).slice(0, 12)}…, ${pt.y.toString(16).slice(0, 12)}…)`);

const curve = await buildFfjs();
try {
  // 1. The .ptau.
  const power = +args.power;
  let ptau = args.ptau;
  if (!ptau) {
    const t0 = Date.now();
    const bn128 = await snarkjs.curves.getCurveFromName('bn128');
    await snarkjs.powersOfTau.newAccumulator(bn128, power, path('p0.ptau'));
    await snarkjs.powersOfTau.contribute(path('p0.ptau'), path('p1.ptau'), 'zkmsm test', `zkmsm entropy ${args.seed}`);
    await snarkjs.powersOfTau.preparePhase2(path('p1.ptau'), path('pot.ptau'));
    await bn128.terminate();
    ptau = path('pot.ptau');
    console.error(`made ${ptau} (power ${power}) with snarkjs in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  const tau = await readPtauSection(ptau, 2);
  const lagrange = await readPtauSection(ptau, 12);
  const filePower = Math.log2((tau.length / 64 + 1) / 2);
  const N = 2 ** filePower;

  // 2. Cases: each runs zkmsm and ffjavascript on the same bytes.
  const cases = [];
  const addCase = (name, basesMont, values, argv) => cases.push({ name, basesMont, values, argv });
  const wtns = async (name, values) => {
    await writeWtns(path(name), values);
    return path(name);
  };
  const full = scalars(N);
  const fullW = await wtns('full.wtns', full);
  addCase(`tau n=${N}`, tau.slice(0, N * 64), full, ['--points', ptau, '--scalars', fullW]);
  const part = scalars(100);
  const partW = await wtns('part.wtns', part);
  addCase('tau n=100 --bases-offset 7', tau.slice(7 * 64, 107 * 64), part,
    ['--points', `${ptau}:ptau`, '--scalars', `${partW}:wtns`, '--bases-offset', '7']);
  addCase(`lagrange n=${N}`, lagrange.slice((N - 1) * 64, (2 * N - 1) * 64), full,
    ['--points', ptau, '--scalars', fullW, '--ptau-bases', 'lagrange']);
  const d = N / 4;
  addCase(`lagrange n=${d} (--n)`, lagrange.slice((d - 1) * 64, (2 * d - 1) * 64), full.slice(0, d),
    ['--points', ptau, '--scalars', fullW, '--ptau-bases', 'lagrange', '--n', String(d)]);
  const one = [R - 1n];
  addCase('tau n=1 (r − 1)', tau.slice(0, 64), one, ['--points', ptau, '--scalars', await wtns('one.wtns', one)]);

  for (const c of cases) {
    try {
      const got = parseResult(zkmsmRun(c.argv));
      const want = await msmFfjsBytes(curve, c.basesMont, encodeScalars(c.values));
      report(samePoint(got, want), c.name, samePoint(got, want) ? '' : `zkmsm ${show(got)} ffjs ${show(want)}`);
    } catch (e) {
      report(false, c.name, e.message);
    }
  }

  // 3. Batch: 4 vectors of N/4 over the same τ bases.
  try {
    const q = N / 4;
    const j = zkmsmRun(['--points', ptau, '--scalars', fullW, '--batch', '4']);
    let ok = j.batch === 4 && j.results.length === 4;
    for (let b = 0; b < 4 && ok; b++) {
      const want = await msmFfjsBytes(curve, tau.slice(0, q * 64), encodeScalars(full.slice(b * q, (b + 1) * q)));
      ok = samePoint(parseResult(j.results[b]), want);
    }
    report(ok, `batch 4 × ${q}`);
  } catch (e) {
    report(false, 'batch', e.message);
  }

  // 4. Other formats: zkmsm's converter and independent JS encoders must give the same MSM; noble agrees.
  const tauPoints = pointsFromMont(tau.slice(0, N * 64));
  const want = await msmFfjsBytes(curve, tau.slice(0, N * 64), encodeScalars(full));
  report(samePoint(msmNoble(tauPoints, full), want), 'noble agrees with ffjavascript on the ptau bases');
  for (const fmt of ['raw', 'bb', 'arkworks', 'gnark']) {
    try {
      const conv = zkmsm(['convert', '--points', ptau, '--n', String(N), '--to', fmt, '--out', path(`conv.${fmt}`)]);
      if (conv.code !== 0) throw new Error(conv.stderr.trim());
      writeFileSync(path(`js.${fmt}`), encodePointsAs(fmt, tauPoints));
      const same = Buffer.compare(readFileSync(path(`conv.${fmt}`)), readFileSync(path(`js.${fmt}`))) === 0;
      report(same, `convert ptau → ${fmt} is byte-identical to the JS encoder`);
      const sfmt = fmt === 'bb' ? 'raw' : fmt;
      writeFileSync(path(`s.${sfmt}`), encodeScalarsAs(sfmt, full));
      const got = parseResult(zkmsmRun(['--points', `${path(`js.${fmt}`)}:${fmt}`, '--scalars', `${path(`s.${sfmt}`)}:${sfmt}`]));
      report(samePoint(got, want), `run on JS-written ${fmt} points + ${sfmt} scalars`);
    } catch (e) {
      report(false, `format ${fmt}`, e.message);
    }
  }
  // Raw scalars in Montgomery form (s·2^256 mod r) behind --scalars-montgomery.
  try {
    const R256 = (1n << 256n) % R;
    writeFileSync(path('s.mont'), encodeScalars(full.map((v) => (v * R256) % R)));
    const got = parseResult(zkmsmRun(['--points', ptau, '--scalars', `${path('s.mont')}:raw`, '--scalars-montgomery']));
    report(samePoint(got, want), 'raw Montgomery scalars (--scalars-montgomery)');
  } catch (e) {
    report(false, 'Montgomery scalars', e.message);
  }
  // snarkjs reads a .wtns written by zkmsm convert.
  try {
    writeFileSync(path('s.raw'), encodeScalars(full));
    const conv = zkmsm(['convert', '--scalars', `${path('s.raw')}:raw`, '--to', 'wtns', '--out', path('z.wtns')]);
    if (conv.code !== 0) throw new Error(conv.stderr.trim());
    await snarkjs.wtns.exportJson(path('z.wtns'));  // throws on a malformed file
    const bytesSame = Buffer.compare(readFileSync(path('z.wtns')), readFileSync(fullW)) === 0;
    report(bytesSame, 'zkmsm convert → wtns is byte-identical to binfileutils/snarkjs layout');
  } catch (e) {
    report(false, 'wtns written by zkmsm', e.message);
  }

  // 5. Malformed files: exit 2 with a message naming the file.
  const refuse = (name, argv, needle) => {
    const r = zkmsm(['run', ...args['zkmsm-arg'], ...argv]);
    const ok = r.code === 2 && r.stderr.includes(needle);
    report(ok, `refuses ${name}`, ok ? r.stderr.trim().split('\n').pop() : `exit ${r.code}: ${r.stderr.trim()}`);
  };
  const ptauBytes = readFileSync(ptau);
  writeFileSync(path('trunc.ptau'), ptauBytes.subarray(0, ptauBytes.length - 100));
  refuse('a truncated .ptau', ['--points', path('trunc.ptau'), '--scalars', fullW], 'truncated');
  const badMagic = Buffer.from(ptauBytes);
  badMagic[0] = 0x50;
  writeFileSync(path('magic.ptau'), badMagic);
  refuse('a bad magic', ['--points', path('magic.ptau'), '--scalars', fullW], "bad magic 'Ptau'");
  const offCurve = Buffer.from(ptauBytes);
  const s2 = ptauBytes.indexOf(Buffer.from(tau.slice(0, 64)));
  offCurve[s2 + 5 * 64 + 40] ^= 1;
  writeFileSync(path('offcurve.ptau'), offCurve);
  refuse('an off-curve point', ['--points', path('offcurve.ptau'), '--scalars', fullW], 'point 5 at byte offset');
  const big = [...part];
  big[42] = R;
  writeFileSync(path('big.raw'), encodeScalars(big.map((v) => v % (1n << 256n))));
  refuse('a scalar ≥ r', ['--points', ptau, '--scalars', `${path('big.raw')}:raw`], 'scalar 42');
  refuse('too few points', ['--points', ptau, '--scalars', fullW, '--bases-offset', String(N)], 'points needed');
  copyFileSync(fullW, path('count.wtns'));
  const count = readFileSync(path('count.wtns'));
  count.writeUInt32LE(N + 1, 12 + 12 + 36);
  writeFileSync(path('count.wtns'), count);
  refuse('a witness count mismatch', ['--points', ptau, '--scalars', path('count.wtns')], `declares ${N + 1} values`);
} finally {
  await curve.terminate();
}

if (failures === 0 && !args.keep) rmSync(dir, { recursive: true, force: true });
else console.error(`files kept in ${dir}`);
console.error(failures ? `${failures} failure(s)` : 'all passed');
process.exit(failures ? 1 : 0);
