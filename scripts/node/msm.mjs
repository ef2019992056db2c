#!/usr/bin/env node
// Usage: node msm.mjs --points P --scalars S [--engine noble|ffjs]
// Prints the MSM result in zkmsm's `run --json` shape on stdout. Exit 0 ok, 1 bad input, 2 usage.
import { parseArgs } from 'node:util';
import { readPoints, readScalars, resultJson, msmNoble, msmFfjs, buildFfjs } from './lib.mjs';

const usage = 'usage: node msm.mjs --points FILE --scalars FILE [--engine noble|ffjs]';
let args;
try {
  ({ values: args } = parseArgs({
    options: {
      points: { type: 'string' },
      scalars: { type: 'string' },
      engine: { type: 'string', default: 'noble' },
    },
  }));
  if (!args.points || !args.scalars) throw new Error('--points and --scalars are required');
  if (!['noble', 'ffjs'].includes(args.engine)) throw new Error(`unknown engine ${args.engine}`);
} catch (e) {
  console.error(`${e.message}\n${usage}`);
  process.exit(2);
}

try {
  const points = readPoints(args.points);
  const scalars = readScalars(args.scalars);
  if (points.length !== scalars.length) throw new Error(`${points.length} points but ${scalars.length} scalars`);
  let q;
  if (args.engine === 'noble') {
    q = msmNoble(points, scalars);
  } else {
    const curve = await buildFfjs();
    try {
      q = await msmFfjs(curve, points, scalars);
    } finally {
      await curve.terminate();
    }
  }
  console.log(JSON.stringify(resultJson(q, { n: points.length, engine: args.engine })));
} catch (e) {
  console.error(`msm.mjs: ${e.message}`);
  process.exit(1);
}
