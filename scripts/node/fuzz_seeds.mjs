#!/usr/bin/env node
// Writes small valid seed inputs for the libFuzzer targets (fuzz/): DIR/<target>/<name>.
// Usage: node fuzz_seeds.mjs DIR
// Point targets take one leading query byte (see fuzz/harness.hpp); 0 = every point.
import { mkdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as snarkjs from 'snarkjs';
import { R, Point, fromNoble, encodePointsAs, encodeScalarsAs, writeWtns } from './lib.mjs';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node fuzz_seeds.mjs DIR');
  process.exit(2);
}
const put = (target, name, bytes, queryByte) => {
  mkdirSync(join(dir, target), { recursive: true });
  const data = queryByte === undefined ? bytes : new Uint8Array([queryByte, ...bytes]);
  writeFileSync(join(dir, target, name), data);
};

const G = Point.BASE;
const points = [G, G.double(), Point.ZERO, G.negate(), G.multiply(0x1234567890abcdefn)].map(fromNoble);
const scalars = [0n, 1n, R - 1n, 0xdeadbeefn];
for (const f of ['raw', 'bb', 'arkworks', 'gnark']) {
  put(f, 'points', encodePointsAs(f, points), 0);
  put(f, 'points_query', encodePointsAs(f, points), 0x92);
  if (f === 'arkworks' || f === 'gnark') put(f, 'points_noprefix', encodePointsAs(f, points, { prefix: false }), 0);
  if (f !== 'bb') put(f, 'scalars', encodeScalarsAs(f, scalars));
}

const tmp = mkdtempSync(join(tmpdir(), 'zkmsm-seeds-'));
try {
  const curve = await snarkjs.curves.getCurveFromName('bn128');
  await snarkjs.powersOfTau.newAccumulator(curve, 1, join(tmp, 'p0.ptau'));
  await snarkjs.powersOfTau.contribute(join(tmp, 'p0.ptau'), join(tmp, 'p1.ptau'), 'seed', 'fuzz seed entropy');
  await snarkjs.powersOfTau.preparePhase2(join(tmp, 'p1.ptau'), join(tmp, 'p2.ptau'));
  const ptau = readFileSync(join(tmp, 'p2.ptau'));
  put('ptau', 'tau_all', ptau, 0x00);
  put('ptau', 'lagrange_2', ptau, 0x03);
  put('ptau', 'tau_query', ptau, 0x92);
  await writeWtns(join(tmp, 'w.wtns'), scalars);
  put('wtns', 'witness', readFileSync(join(tmp, 'w.wtns')));
  await curve.terminate();
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.error(`fuzz seeds written to ${dir}`);
