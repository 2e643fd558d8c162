// SPDX-License-Identifier: Apache-2.0
// posthog-node's side of the flag evaluation benchmark (benchmarks/run-flags.sh).
//
//   node flag-evaluation.js <definitions.json> <persons.json> [warmupSeconds] [iterations] [iterationSeconds]
//
// Loads the definitions through the client's `fetch` option (served from memory: any other
// request fails the run, so nothing leaves the process), then calls
// getFeatureFlag(key, distinctId, {groups, personProperties, groupProperties,
// onlyEvaluateLocally: true, sendFeatureFlagEvents: false}) one after the other, call i being
// flag keys[i % keys.length] for person i, cycling over the persons written by the Java side
// (FlagWorkload). The first cycle is compared with the answers the Java evaluator gave for the
// same calls. Then it warms up, measures fixed-time iterations and prints one JSON line:
//   {"evaluationsPerSecond": <median>, "iterations": [...], "mismatches": n, "calls": n}
'use strict';
const fs = require('fs');
const path = require('path');
const { PostHog } = require(path.resolve(__dirname, 'node_modules', 'posthog-node'));

const [, , definitionsFile, personsFile, warmupArg, iterationsArg, iterationSecondsArg] = process.argv;
const warmupSeconds = Number(warmupArg ?? 5);
const iterations = Number(iterationsArg ?? 5);
const iterationSeconds = Number(iterationSecondsArg ?? 1);
const definitions = fs.readFileSync(definitionsFile, 'utf8');
const workload = JSON.parse(fs.readFileSync(personsFile, 'utf8'));

let requests = 0;
async function fakeFetch(url) {
  if (!String(url).includes('/flags/definitions') && !String(url).includes('/local_evaluation')) {
    requests++;
    throw new Error('flag benchmark: unexpected request to ' + url);
  }
  return {
    status: 200,
    headers: { get: () => null },
    text: async () => definitions,
    json: async () => JSON.parse(definitions),
  };
}

function calls() {
  const keys = workload.keys;
  return workload.persons.map((p, i) => ({
    key: keys[i % keys.length],
    id: p.distinctId,
    options: {
      groups: p.groups,
      personProperties: p.properties,
      groupProperties: p.groupProperties,
      onlyEvaluateLocally: true,
      sendFeatureFlagEvents: false,
    },
  }));
}

async function main() {
  const client = new PostHog('phc_benchmark_project_key_0123456789abcdef', {
    personalApiKey: 'phx_benchmark_personal_key_not_used_for_requests',
    host: 'http://127.0.0.1:9',
    fetch: fakeFetch,
    featureFlagsPollingInterval: 3600 * 1000,
    flushAt: 1000000,
    flushInterval: 0,
    disableGeoip: true,
    sendFeatureFlagEvent: false,
  });
  client.on('error', (e) => { throw e; });
  if (!(await client.waitForLocalEvaluationReady(10000))) {
    throw new Error('posthog-node did not load the definitions');
  }
  const all = calls();
  let mismatches = 0;
  for (let i = 0; i < all.length; i++) {
    const c = all[i];
    const v = await client.getFeatureFlag(c.key, c.id, c.options);
    const expected = workload.expected[i];
    if ((v === undefined ? null : v) !== expected) {
      if (mismatches < 5) {
        console.error(`mismatch at call ${i} (${c.key} for ${c.id}): node ${v}, java ${expected}`);
      }
      mismatches++;
    }
  }
  let next = 0;
  async function runFor(seconds) {
    const end = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
    const start = process.hrtime.bigint();
    let n = 0;
    let now = start;
    while (now < end) {
      for (let j = 0; j < 1000; j++) {
        const c = all[next];
        next = next + 1 === all.length ? 0 : next + 1;
        await client.getFeatureFlag(c.key, c.id, c.options);
      }
      n += 1000;
      now = process.hrtime.bigint();
    }
    return n / (Number(now - start) / 1e9);
  }
  await runFor(warmupSeconds);
  const rates = [];
  for (let i = 0; i < iterations; i++) {
    rates.push(await runFor(iterationSeconds));
  }
  await client.shutdown();
  if (requests > 0) {
    throw new Error(requests + ' requests were made');
  }
  const sorted = [...rates].sort((a, b) => a - b);
  const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2]
    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  console.log(JSON.stringify({
    evaluationsPerSecond: Math.round(median),
    iterations: rates.map(Math.round),
    mismatches,
    calls: all.length,
    node: process.version,
  }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
