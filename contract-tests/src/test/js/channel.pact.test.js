// Consumer pact of a JavaScript channel (Pact JS), written to PACT_DIR; the emulator verifies it as provider.
'use strict';

const assert = require('node:assert/strict');
const path = require('node:path');
const { test } = require('node:test');
const { PactV3, MatchersV3 } = require('@pact-foundation/pact');
const { MessagingApi } = require('./channel');

const { regex, uuid, fromProviderState, integer, string } = MatchersV3;

const CHANNEL = {
  channelId: 'c0ffee00-0000-4000-8000-000000000001',
  organizationId: 'c0ffee00-0000-4000-8000-000000000002',
  token: 'emulator-dev-token',
};
// The conversation the pact names: the emulator's state "a conversation exists" makes it with this very id.
const CONVERSATION = '0c0ffee0-1a2b-4c3d-8e4f-5a6b7c8d9e0f';
const MESSAGE_ID = regex('^[0-9]{13}$', '1745323200123');
const HEADERS = {
  Authorization: `Bearer ${CHANNEL.token}`,
  'channel-id': CHANNEL.channelId,
  'organization-id': CHANNEL.organizationId,
  'Content-Type': 'application/json',
};

const pact = new PactV3({
  consumer: 'js-channel',
  provider: 'messaging-api',
  dir: process.env.PACT_DIR || path.resolve(__dirname, 'pacts'),
  logLevel: 'error',
});

function api(mockServer) {
  return new MessagingApi({ baseUrl: mockServer.url, ...CHANNEL });
}

test('starts a conversation for a customer', () => {
  pact
    .uponReceiving('a JavaScript channel starts a conversation')
    .withRequest({
      method: 'POST',
      path: '/api/v1.0/consumer/conversation/create',
      headers: HEADERS,
      body: { customercontext: { customerid: 'js-42', preferredname: 'Ada' } },
    })
    .willRespondWith({ status: 200, body: { conversationId: uuid(CONVERSATION), isNew: true } });

  return pact.executeTest(async (mockServer) => {
    const created = await api(mockServer).startConversation('js-42', 'Ada');
    assert.equal(created.conversationId, CONVERSATION);
    assert.equal(created.isNew, true);
  });
});

test('sends a message to the conversation its pact names', () => {
  pact
    .given('a conversation exists', { conversationId: CONVERSATION })
    .uponReceiving('a JavaScript channel sends a message to a conversation with a known id')
    .withRequest({
      method: 'POST',
      path: `/api/v1.0/consumer/conversation/${CONVERSATION}`,
      headers: HEADERS,
      body: { type: 'message', id: 'js-msg-1', text: 'Where is my order?' },
    })
    .willRespondWith({ status: 200, body: { messageId: MESSAGE_ID } });

  return pact.executeTest(async (mockServer) => {
    const sent = await api(mockServer).sendMessage(CONVERSATION, 'js-msg-1', 'Where is my order?');
    assert.match(sent.messageId, /^[0-9]{13}$/);
  });
});

test('marks the representative message it was given as read', () => {
  pact
    .given('the representative has sent a message', { conversationId: CONVERSATION, text: 'It ships today.' })
    .uponReceiving('a JavaScript channel marks the representative message read')
    .withRequest({
      method: 'POST',
      path: `/api/v1.0/consumer/conversation/${CONVERSATION}`,
      headers: HEADERS,
      body: {
        type: 'event',
        name: 'MessageRead',
        value: { messageId: fromProviderState('${messageId}', '1745323200123') },
      },
    })
    .willRespondWith({ status: 200, body: { messageId: '' } });

  return pact.executeTest(async (mockServer) => {
    const read = await api(mockServer).markRead(CONVERSATION, '1745323200123');
    assert.equal(read.messageId, '');
  });
});

test('is told when to retry while the API is rate limited', () => {
  pact
    .given('a conversation exists', { conversationId: CONVERSATION })
    .given('the API is rate limited', { retryAfterSeconds: 2 })
    .uponReceiving('a JavaScript channel sends a message while the API is rate limited')
    .withRequest({
      method: 'POST',
      path: `/api/v1.0/consumer/conversation/${CONVERSATION}`,
      headers: HEADERS,
      body: { type: 'message', id: 'js-msg-2', text: 'Anyone there?' },
    })
    .willRespondWith({
      status: 429,
      headers: { 'Content-Type': regex('application/problem\\+json.*', 'application/problem+json'),
        'Retry-After': regex('^[0-9]+$', '2') },
      body: { status: 429, title: string('Too Many Requests') },
    });

  return pact.executeTest(async (mockServer) => {
    await assert.rejects(api(mockServer).sendMessage(CONVERSATION, 'js-msg-2', 'Anyone there?'), (error) => {
      assert.equal(error.status, 429);
      assert.equal(error.retryAfterSeconds, 2);
      return true;
    });
  });
});

test('a closed conversation is not found', () => {
  pact
    .given('the conversation is closed', { conversationId: CONVERSATION })
    .uponReceiving('a JavaScript channel sends a message to a closed conversation')
    .withRequest({
      method: 'POST',
      path: `/api/v1.0/consumer/conversation/${CONVERSATION}`,
      headers: HEADERS,
      body: { type: 'message', id: 'js-msg-3', text: 'Hello?' },
    })
    .willRespondWith({
      status: 404,
      headers: { 'Content-Type': regex('application/problem\\+json.*', 'application/problem+json') },
      body: { status: 404, errorCode: integer(30013), title: string('Conversation does not exist') },
    });

  return pact.executeTest(async (mockServer) => {
    await assert.rejects(api(mockServer).sendMessage(CONVERSATION, 'js-msg-3', 'Hello?'), (error) => {
      assert.equal(error.status, 404);
      assert.equal(error.errorCode, 30013);
      return true;
    });
  });
});
