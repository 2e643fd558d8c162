// SPDX-License-Identifier: Apache-2.0
// Differential-test driver: evaluates generated cases with posthog-node's real public API.
//
//   node run-cases.js <cases.json> <answers.jsonl>
//
// cases.json: {"cases": [{"id": ..., "definitions": <GET /flags/definitions body>,
//   "requests": [{"distinctId", "groups", "personProperties", "groupProperties", "keys": [...],
//                 "flagKeys": [...] (optional, restricts the all-flags call)}]}]}
// For every request it writes one JSON line:
//   {"case": id, "request": i, "all": {"flags": {...}, "payloads": {...}},
//    "single": {"<key>": null | {"enabled": bool, "variant": string|null, "payload": json|null}
//               | {"threw": message}}}
// Definitions are served from memory through the client's `fetch` option; any other request
// fails the run, so nothing ever leaves the process. Polling is off (interval null).
'use strict';
const fs = require('fs');
const path = require('path');
const { PostHog } = require(path.resolve(process.cwd(), 'node_modules', 'posthog-node'));

const [, , casesFile, answersFile] = process.argv;
const input = JSON.parse(fs.readFileSync(casesFile, 'utf8'));
const out = fs.openSync(answersFile, 'w');

function fakeFetch(definitions) {
  return async (url) => {
    if (!String(url).includes('/flags/definitions')) {
      throw new Error('conformance driver: unexpected request to ' + url);
    }
    const body = JSON.stringify(definitions);
    return {
      status: 200,
      headers: { get: () => null },
      text: async () => body,
      json: async () => JSON.parse(body),
    };
  };
}

function plain(v) {
  return v === undefined ? null : v;
}

async function main() {
  for (const c of input.cases) {
    const client = new PostHog('test-project-key', {
      personalApiKey: 'phx_conformance',
      host: 'http://127.0.0.1:9',
      fetch: fakeFetch(c.definitions),
      featureFlagsPollingInterval: null,
      flushAt: 1000000,
      flushInterval: 0,
      disableGeoip: true,
      sendFeatureFlagEvent: false,
    });
    client.on('error', () => {});
    await client.waitForLocalEvaluationReady?.(5000);
    for (let i = 0; i < c.requests.length; i++) {
      const r = c.requests[i];
      const opts = {
        groups: r.groups ?? undefined,
        personProperties: r.personProperties ?? undefined,
        groupProperties: r.groupProperties ?? undefined,
        onlyEvaluateLocally: true,
      };
      const all = await client.getAllFlagsAndPayloads(r.distinctId, r.flagKeys ? { ...opts, flagKeys: r.flagKeys } : opts);
      const single = {};
      for (const key of r.keys) {
        let res;
        try {
          res = await client.getFeatureFlagResult(key, r.distinctId, { ...opts, sendFeatureFlagEvents: false });
        } catch (e) {
          // Node lets unexpected errors (a TypeError on a malformed definition) escape to the
          // caller: no local answer, which the Java side must report as undecided.
          single[key] = { threw: String(e) };
          continue;
        }
        single[key] = res === undefined ? null
          : { enabled: res.enabled, variant: plain(res.variant), payload: plain(res.payload) };
      }
      fs.writeSync(out, JSON.stringify({ case: c.id, request: i, all: { flags: all.featureFlags, payloads: all.featureFlagPayloads }, single }) + '\n');
    }
    await client.shutdown(1000);
  }
  fs.closeSync(out);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
