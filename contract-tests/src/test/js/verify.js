// Verifies the JavaScript channel's pact against a running emulator with Pact JS's verifier (the Pact core that
// JavaScript, .NET, Python and Go share): the emulator sets each provider state up through its state change URL.
//   node verify.js http://127.0.0.1:8080 [pact file or folder, default ./pacts]
'use strict';

const path = require('node:path');
const { Verifier } = require('@pact-foundation/pact');

const baseUrl = (process.argv[2] || 'http://127.0.0.1:8080').replace(/\/+$/, '');
const pacts = path.resolve(process.argv[3] || path.join(__dirname, 'pacts'));

new Verifier({
  provider: 'messaging-api',
  providerBaseUrl: baseUrl,
  pactUrls: [pacts],
  providerStatesSetupUrl: `${baseUrl}/emulator/pact/provider-states`,
  customProviderHeaders: [
    'Authorization: Bearer emulator-dev-token',
    'channel-id: c0ffee00-0000-4000-8000-000000000001',
    'organization-id: c0ffee00-0000-4000-8000-000000000002',
  ],
  logLevel: 'warn',
})
  .verifyProvider()
  .then(() => console.log('The emulator honours every interaction of the pact.'))
  .catch((error) => {
    console.error(error.message);
    process.exitCode = 1;
  });
