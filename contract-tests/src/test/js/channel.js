// The calls a small JavaScript channel makes to the Messaging API (Node 20's fetch, no other dependency).
'use strict';

class MessagingApi {
  /** @param {{baseUrl: string, channelId: string, organizationId: string, token: string}} options */
  constructor({ baseUrl, channelId, organizationId, token }) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.headers = {
      Authorization: `Bearer ${token}`,
      'channel-id': channelId,
      'organization-id': organizationId,
      'Content-Type': 'application/json',
    };
  }

  async post(path, body) {
    const response = await fetch(this.baseUrl + path, {
      method: 'POST',
      headers: this.headers,
      body: JSON.stringify(body),
    });
    const answer = await response.json();
    if (response.ok) {
      return answer;
    }
    const retryAfter = response.headers.get('retry-after');
    const error = new Error(`${response.status} ${answer.title}`);
    error.status = response.status;
    error.errorCode = answer.errorCode;
    error.retryAfterSeconds = retryAfter === null ? undefined : Number(retryAfter);
    throw error;
  }

  /** Starts a conversation for a customer of the channel. */
  startConversation(customerId, name) {
    return this.post('/api/v1.0/consumer/conversation/create', {
      customercontext: { customerid: customerId, preferredname: name },
    });
  }

  /** Sends the customer's text; `id` is the channel's own activity id, so that a retry is stored once. */
  sendMessage(conversationId, id, text) {
    return this.post(`/api/v1.0/consumer/conversation/${conversationId}`, { type: 'message', id, text });
  }

  /** Tells the representative that the customer read their message. */
  markRead(conversationId, messageId) {
    return this.post(`/api/v1.0/consumer/conversation/${conversationId}`, {
      type: 'event',
      name: 'MessageRead',
      value: { messageId },
    });
  }
}

module.exports = { MessagingApi };
