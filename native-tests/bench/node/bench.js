// SPDX-License-Identifier: Apache-2.0
// posthog-node side of startup-bench.sh, doing what BenchModes does in Java:
//   node bench.js first-event <host>        one captureImmediate, then shutdown
//   node bench.js burst <host> <count>      <count> captures with the client's defaults, then shutdown
// The sink counts what arrives; node reports no delivery result.
const { PostHog } = require('posthog-node');

async function main() {
  const [mode, host, count] = process.argv.slice(2);
  if (mode === 'first-event') {
    const client = new PostHog('phc_bench', { host });
    await client.captureImmediate({ distinctId: 'bench-user', event: 'first event', properties: { cold: true } });
    await client.shutdown();
  } else if (mode === 'burst') {
    const client = new PostHog('phc_bench', { host });
    const n = Number(count);
    for (let i = 0; i < n; i++) {
      client.capture({ distinctId: 'bench-user', event: 'burst event', properties: { index: i, job: 'nightly-import' } });
    }
    await client.shutdown();
  } else {
    console.error('usage: node bench.js first-event <host> | burst <host> <count>');
    process.exit(2);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
