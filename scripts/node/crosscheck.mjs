#!/usr/bin/env node
// Cross-checks `zkmsm run --json` against @noble/curves and ffjavascript on deterministic inputs.
// Usage: node crosscheck.mjs --zkmsm PATH [--seed N] [--zkmsm-arg ARG]... [--keep]
//   --zkmsm-arg  extra argument passed to every `zkmsm run` (repeatable, e.g. --zkmsm-arg=--backend=cpu)
//   --keep       keep the temp dir even when all cases pass (it is always kept on failure)
// One PASS/FAIL line per case on stderr. Exit 0 all pass, 1 any failure, 2 usage.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  R, Point, toNoble, fromNoble, writePoints, writeScalars, resultJson, parseResult, samePoint,
  msmNoble, msmFfjs, buildFfjs, makeRng,
} from './lib.mjs';

const usage = 'usage: node crosscheck.mjs --zkmsm PATH [--seed N] [--zkmsm-arg ARG]... [--keep]';
let args;
try {
  ({ values: args } = parseArgs({
    options: {
      zkmsm: { type: 'string' },
      seed: { type: 'string', default: '1' },
      'zkmsm-arg': { type: 'string', multiple: true, default: [] },
      keep: { type: 'boolean', default: false },
    },
  }));
  if (!args.zkmsm) throw new Error('--zkmsm is required');
  if (!/^\d+$/.test(args.seed)) throw new Error('--seed must be a non-negative integer');
  accessSync(args.zkmsm, constants.X_OK);
} catch (e) {
  console.error(`${e.message}\n${usage}`);
  process.exit(2);
}

const G = Point.BASE;
const neg = (pt) => ({ x: pt.x, y: Point.Fp.neg(pt.y) });
// Independent random bases k_i·G (never a walk: linearly related points hide batch-affine bugs).
const randomPoints = (rng, n) => Array.from({ length: n }, () => G.multiply(1n + rng.below(R - 1n)).toAffine());
const randomScalars = (rng, n) => Array.from({ length: n }, () => rng.below(R));

// Plants edge cases into random inputs. Point edits write to distinct targets and copy from sources
// that no point edit touches; scalar edits then avoid the equal-scalar pairs so those stay equal.
function mixIn(rng, points, scalars) {
  const n = points.length;
  const k = Math.max(1, Math.floor(n / 100));
  const locked = new Set();
  const pair = (i, j) => { scalars[i] = scalars[j]; locked.add(i).add(j); };
  const pointEdits = [
    (i) => { points[i] = null; }, // infinity
    (i, j) => { points[i] = points[j]; pair(i, j); }, // P + P in every bucket: doubling
    (i, j) => { points[i] = neg(points[j]); pair(i, j); }, // P + (-P): cancels
    (i, j) => { points[i] = points[j]; }, // duplicate point, own scalar
    (i, j) => { points[i] = neg(points[j]); }, // negation, own scalar
  ];
  const order = rng.perm(n);
  const edits = Math.min(pointEdits.length * k, n - 2);
  const sources = order.slice(edits);
  for (let e = 0; e < edits; e++) pointEdits[e % pointEdits.length](order[e], sources[rng.int(sources.length)]);

  const scalarEdits = [() => 0n, () => 1n, () => R - 1n, () => rng.below(1n << 16n), () => scalars[rng.int(n)]];
  const free = rng.perm(n).filter((i) => !locked.has(i));
  const count = Math.min(scalarEdits.length * k, free.length);
  for (let e = 0; e < count; e++) scalars[free[e]] = scalarEdits[e % scalarEdits.length]();
}

function buildCases(seed) {
  const rng = makeRng(seed);
  const cases = [];
  for (const n of [1, 7, 100, 1000]) {
    const points = randomPoints(rng, n);
    const scalars = randomScalars(rng, n);
    if (n > 1) mixIn(rng, points, scalars);
    cases.push({ name: `n=${n} random+edge`, points, scalars });
  }
  const [p, q] = randomPoints(rng, 2);
  const s = rng.below(R);
  cases.push(
    { name: 'n=0 empty', points: [], scalars: [], expect: null },
    { name: 'n=1 infinity base', points: [null], scalars: [s], expect: null },
    { name: 'n=1 scalar r-1', points: [p], scalars: [R - 1n], expect: neg(p) },
    { name: 'n=7 all-zero scalars', points: randomPoints(rng, 7), scalars: Array(7).fill(0n), expect: null },
    { name: 'n=2 P,-P equal scalars', points: [p, neg(p)], scalars: [s, s], expect: null },
    { name: 'n=2 P,P equal scalars', points: [q, q], scalars: [s, s],
      expect: fromNoble(toNoble(q).double().multiplyUnsafe(s)) },
  );
  return cases;
}

const fmt = (pt) => JSON.stringify(resultJson(pt));

function runZkmsm(pointsFile, scalarsFile) {
  const argv = ['run', '--points', pointsFile, '--scalars', scalarsFile, '--json', ...args['zkmsm-arg']];
  let stdout;
  try {
    stdout = execFileSync(args.zkmsm, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
  } catch (e) {
    const why = e.status != null ? `exit ${e.status}` : e.signal ? `signal ${e.signal}` : e.message;
    throw new Error(`zkmsm ${argv.join(' ')} failed (${why})\n${e.stderr ?? ''}`.trimEnd());
  }
  let obj;
  try {
    obj = JSON.parse(stdout);
  } catch {
    throw new Error(`zkmsm stdout is not JSON: ${JSON.stringify(stdout.slice(0, 500))}`);
  }
  return parseResult(obj);
}

const dir = mkdtempSync(join(tmpdir(), 'zkmsm-crosscheck-'));
const curve = await buildFfjs();
let passed = 0;
let failed = 0;
try {
  for (const [idx, c] of buildCases(args.seed).entries()) {
    const pointsFile = join(dir, `case${idx}.points`);
    const scalarsFile = join(dir, `case${idx}.scalars`);
    let problem = null;
    try {
      writePoints(pointsFile, c.points);
      writeScalars(scalarsFile, c.scalars);
      const noble = msmNoble(c.points, c.scalars);
      const ffjs = await msmFfjs(curve, c.points, c.scalars);
      if (!samePoint(noble, ffjs)) throw new Error(`references disagree: noble ${fmt(noble)} ffjs ${fmt(ffjs)}`);
      if ('expect' in c && !samePoint(noble, c.expect))
        throw new Error(`references ${fmt(noble)} differ from the known answer ${fmt(c.expect)}`);
      const got = runZkmsm(pointsFile, scalarsFile);
      if (!samePoint(got, noble)) problem = `zkmsm ${fmt(got)} expected ${fmt(noble)}`;
    } catch (e) {
      problem = e.message;
    }
    if (problem === null) passed++;
    else failed++;
    console.error(problem === null ? `PASS ${c.name}` : `FAIL ${c.name} (${pointsFile}, ${scalarsFile}): ${problem}`);
  }
} finally {
  await curve.terminate();
}
if (failed === 0 && !args.keep) rmSync(dir, { recursive: true, force: true });
else console.error(`inputs kept in ${dir}`);
console.error(`crosscheck: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
