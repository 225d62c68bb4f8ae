/*
 * The agent console: watches the signed-in channel's conversations through the emulator's event stream
 * (GET /emulator/stream, Server-Sent Events read with fetch, since EventSource cannot send an Authorization header)
 * and acts through the API: the representative through /emulator, the customer through the consumer API.
 *
 * Safety: text from either side is only ever put into the page as text (textContent). The representative's markdown
 * is turned into HTML by marked with raw HTML escaped, then cleaned by DOMPurify down to a few formatting elements and
 * http(s)/mailto links; markdown images become links, so nothing loads from a URL in a message.
 */
(function () {
  'use strict';

  const DEV = {
    channelId: 'c0ffee00-0000-4000-8000-000000000001',
    organizationId: 'c0ffee00-0000-4000-8000-000000000002',
    token: 'emulator-dev-token'
  };
  const SESSION_KEY = 'ccmessaging.console.session';
  const TYPING_SHOWN_MS = 5000;
  const TYPING_SENT_EVERY_MS = 3000;
  const RECONNECT_MS = [500, 1000, 2000, 5000, 10000];
  const SYSTEM_EVENTS = [
    'AgentAccepted', 'AgentEndSession', 'PrimaryAgentEndConversation', 'AgentDisconnected',
    'AgentStartSecondaryChannel', 'AgentRaiseSecondaryChannel', 'AgentEndSecondaryChannel', 'ConversationClose',
    'SupervisorForceClosedConversation', 'ConsultAgentInitiated', 'ConsultAgentFailed', 'ConsultAgentAcceptSession',
    'ConsultAgentEndSession', 'ConsultAgentRejectSession', 'ConsultAgentSessionTimedOut', 'ConsultAgentRemoved',
    'TransferToAgentInitiated', 'TransferToAgentFailed', 'TransferAgentAcceptSession', 'TransferAgentRejectSession',
    'TransferAgentTimedOutSession', 'AgentEndedConsult', 'AgentJoinedCustomerConversation',
    'ConsultAgentLeftPublicConversation', 'TransferToQueueInitiated', 'TransferToQueueFailed', 'CustomerDisconnected',
    'CustomerDisconnectedAgentWaiting', 'AgentAssigned', 'OutOfOperatingHoursDueToNonWorkingHours',
    'OutOfOperatingHoursDueToHoliday'
  ];
  const MARKDOWN_TAGS = ['p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a',
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td'];
  const SAFE_LINK = /^(?:https?:|mailto:)/i;
  const SAFE_IMAGE = /^(?:https?:|data:image\/(?:png|jpeg|gif|webp|svg\+xml)[;,])/i;

  const $ = (id) => document.getElementById(id);

  /** What the page knows of the channel's conversations, by id. */
  const state = {
    session: null,
    conversations: new Map(),
    selected: null,
    lastTypingSent: 0,
    touched: null
  };

  // ---------------------------------------------------------------------------------------------------------------
  // The session: kept in sessionStorage only (this tab), sent as headers, never in a URL.

  function loadSession() {
    try {
      const saved = JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
      return saved && saved.channelId && saved.organizationId && saved.token ? saved : null;
    } catch (e) {
      return null;
    }
  }

  function headers(session, extra) {
    return Object.assign({
      'Authorization': 'Bearer ' + session.token,
      'channel-id': session.channelId,
      'organization-id': session.organizationId
    }, extra || {});
  }

  class ApiError extends Error {
    constructor(status, problem) {
      super(problem && (problem.detail || problem.title) ? (problem.detail || problem.title) : 'HTTP ' + status);
      this.status = status;
    }
  }

  async function api(method, path, body) {
    const session = state.session;
    const response = await fetch(path, {
      method: method,
      headers: headers(session, body === undefined ? {} : { 'Content-Type': 'application/json' }),
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit'
    });
    const text = await response.text();
    let json = null;
    if (text) {
      try { json = JSON.parse(text); } catch (e) { json = null; }
    }
    if (!response.ok) {
      throw new ApiError(response.status, json);
    }
    return json;
  }

  const consumer = (path) => '/api/v1.0/consumer' + path;
  const emulator = (path) => '/emulator' + path;

  // ---------------------------------------------------------------------------------------------------------------
  // The event stream: fetch with a streamed body, a small Server-Sent Events parser, reconnection with Last-Event-ID.

  const stream = {
    controller: null,
    lastEventId: null,
    attempt: 0,
    timer: null,
    resumes: 0,
    reloads: 0,
    sentLastEventId: false
  };

  function setConnection(kind, text) {
    const element = $('connection');
    element.dataset.state = kind;
    element.textContent = text;
    document.body.dataset.stream = kind;
  }

  function connect() {
    disconnect();
    const session = state.session;
    const controller = new AbortController();
    stream.controller = controller;
    setConnection(stream.attempt === 0 ? 'connecting' : 'reconnecting',
      stream.attempt === 0 ? 'Connecting…' : 'Reconnecting…');
    const extra = { 'Accept': 'text/event-stream' };
    stream.sentLastEventId = stream.lastEventId !== null;
    if (stream.sentLastEventId) {
      extra['Last-Event-ID'] = stream.lastEventId;
    }
    fetch(emulator('/stream'), { headers: headers(session, extra), signal: controller.signal, cache: 'no-store',
      credentials: 'omit' })
      .then((response) => {
        if (response.status === 401) {
          signOut('The channel no longer accepts this token; sign in again.');
          return null;
        }
        if (!response.ok || !response.body) {
          throw new Error('HTTP ' + response.status);
        }
        return readEvents(response.body.getReader(), controller);
      })
      .catch(() => { /* reconnect below */ })
      .finally(() => {
        if (stream.controller === controller && !controller.signal.aborted) {
          scheduleReconnect();
        }
      });
  }

  function disconnect() {
    clearTimeout(stream.timer);
    if (stream.controller) {
      const controller = stream.controller;
      stream.controller = null;
      controller.abort();
    }
  }

  function scheduleReconnect() {
    stream.controller = null;
    const wait = RECONNECT_MS[Math.min(stream.attempt, RECONNECT_MS.length - 1)];
    stream.attempt++;
    setConnection('reconnecting', 'Reconnecting…');
    stream.timer = setTimeout(connect, wait);
  }

  async function readEvents(reader, controller) {
    const decoder = new TextDecoder();
    let buffer = '';
    let event = { name: 'message', id: null, data: [] };
    while (true) {
      const { value, done } = await reader.read();
      if (done || controller.signal.aborted) {
        return;
      }
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.search(/\r\n|\r|\n/)) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + (buffer.startsWith('\r\n', end) ? 2 : 1));
        if (line === '') {
          if (event.data.length > 0) {
            if (event.id !== null) {
              stream.lastEventId = event.id;
            }
            dispatch(event.name, event.data.join('\n'));
          }
          event = { name: 'message', id: null, data: [] };
          continue;
        }
        if (line.startsWith(':')) {
          continue;
        }
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        let text = colon < 0 ? '' : line.slice(colon + 1);
        if (text.startsWith(' ')) {
          text = text.slice(1);
        }
        if (field === 'event') {
          event.name = text;
        } else if (field === 'data') {
          event.data.push(text);
        } else if (field === 'id' && !text.includes('\0')) {
          event.id = text;
        }
      }
    }
  }

  function dispatch(name, data) {
    let payload;
    try {
      payload = JSON.parse(data);
    } catch (e) {
      return;
    }
    const handler = HANDLERS[name];
    if (handler) {
      handler(payload);
    }
  }

  const HANDLERS = {
    ready(data) {
      stream.attempt = 0;
      setConnection('live', 'Live');
      if (data.resumed) {
        stream.resumes++;
        document.body.dataset.resumes = String(stream.resumes);
      } else if (!stream.sentLastEventId) {
        reload();
      }
    },
    reset() {
      stream.reloads++;
      document.body.dataset.reloads = String(stream.reloads);
      reload();
    },
    conversation(data) {
      const conversation = known(data.conversationId);
      conversation.customerId = data.customerId || conversation.customerId;
      conversation.createdAt = data.timestamp;
      renderList();
    },
    activity(data) {
      addEntry(data.conversationId, data.entry);
    },
    typing(data) {
      const conversation = known(data.conversationId);
      if (data.entry.sender === 'customer') {
        conversation.customerTypingUntil = Date.now() + TYPING_SHOWN_MS;
        setTimeout(renderTyping, TYPING_SHOWN_MS + 50);
        renderTyping();
      } else {
        addEntry(data.conversationId, data.entry);
      }
    },
    read(data) {
      const conversation = known(data.conversationId);
      conversation.readUpTo = maxId(conversation.readUpTo, data.readUpTo);
      renderIfSelected(conversation);
    },
    delivery(data) {
      const conversation = known(data.conversationId);
      setDelivery(conversation, data.messageId, data.delivery);
      renderIfSelected(conversation);
    },
    context(data) {
      const conversation = known(data.conversationId);
      conversation.context = data.context;
      renderIfSelected(conversation);
    },
    closed(data) {
      const conversation = known(data.conversationId);
      conversation.open = false;
      renderList();
      renderIfSelected(conversation);
    }
  };

  // ---------------------------------------------------------------------------------------------------------------
  // The state: the open conversations from the API, then every event on top (each one can be applied twice).

  function known(id) {
    if (state.touched) {
      state.touched.add(id);
    }
    let conversation = state.conversations.get(id);
    if (!conversation) {
      conversation = { id: id, customerId: null, createdAt: null, open: true, entries: new Map(),
        deliveries: new Map(), readUpTo: '0', context: [], loaded: false, customerTypingUntil: 0, lastText: '' };
      state.conversations.set(id, conversation);
    }
    return conversation;
  }

  function maxId(a, b) {
    return compareIds(a || '0', b || '0') >= 0 ? (a || '0') : b;
  }

  function compareIds(a, b) {
    return a.length !== b.length ? a.length - b.length : (a < b ? -1 : a > b ? 1 : 0);
  }

  function setDelivery(conversation, messageId, delivery) {
    const current = conversation.deliveries.get(messageId);
    const final = (d) => d.status === 'delivered' || d.status === 'failed';
    if (!current || (!final(current) && (final(delivery) || delivery.attempts >= current.attempts))) {
      conversation.deliveries.set(messageId, delivery);
    }
  }

  function addEntry(conversationId, entry) {
    const conversation = known(conversationId);
    conversation.entries.set(entry.messageId, entry);
    if (entry.delivery) {
      setDelivery(conversation, entry.messageId, entry.delivery);
    }
    if (entry.read) {
      conversation.readUpTo = maxId(conversation.readUpTo, entry.messageId);
    }
    if (entry.sender === 'customer' && entry.type === 'message') {
      conversation.customerTypingUntil = 0;
    }
    if (entry.type === 'message' && entry.activity && entry.activity.text && entry.sender !== 'system') {
      conversation.lastText = entry.activity.text;
    }
    renderList();
    renderIfSelected(conversation);
  }

  async function reload() {
    // events that arrive while the list loads are kept: they are newer than the list
    state.touched = new Set();
    try {
      const open = [];
      let token = null;
      do {
        const query = '?PageSize=100' + (token ? '&ContinuationToken=' + encodeURIComponent(token) : '');
        const page = await api('GET', consumer('/conversations' + query));
        page.conversations.forEach((c) => open.push(c));
        token = page.continuationtoken || null;
      } while (token);
      const previous = state.conversations;
      const touched = state.touched;
      state.touched = null;
      state.conversations = new Map();
      open.forEach((summary) => {
        const conversation = previous.get(summary.conversationid) || known(summary.conversationid);
        conversation.createdAt = conversation.createdAt || summary.timestamp;
        state.conversations.set(summary.conversationid, conversation);
      });
      touched.forEach((id) => {
        if (previous.has(id)) {
          state.conversations.set(id, previous.get(id));
        }
      });
      if (state.selected && !state.conversations.has(state.selected)) {
        state.selected = null;
      }
      renderList();
      if (state.selected) {
        await loadConversation(state.selected);
      } else {
        renderConversation();
      }
    } catch (e) {
      state.touched = null;
      if (e.status === 401) {
        signOut('The channel no longer accepts this token; sign in again.');
      }
    }
  }

  async function loadConversation(id) {
    const conversation = known(id);
    const transcript = await api('GET', emulator('/conversations/' + encodeURIComponent(id) + '/transcript'));
    conversation.open = transcript.open;
    transcript.activities.forEach((entry) => {
      if (!(entry.type === 'typing' && entry.sender === 'customer')) {
        conversation.entries.set(entry.messageId, entry);
      }
      if (entry.delivery) {
        setDelivery(conversation, entry.messageId, entry.delivery);
      }
      if (entry.read) {
        conversation.readUpTo = maxId(conversation.readUpTo, entry.messageId);
      }
    });
    if (conversation.open) {
      try {
        conversation.context = (await api('GET', consumer('/conversation/' + encodeURIComponent(id) + '/context'))).context;
      } catch (e) {
        conversation.context = conversation.context || [];
      }
    }
    conversation.loaded = true;
    renderList();
    renderIfSelected(conversation);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Rendering: every text from a message goes in as text; only sanitized markdown goes in as elements.

  function element(tag, attributes, text) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => {
      if (value !== null && value !== undefined) {
        node.setAttribute(name, value);
      }
    });
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function sortedConversations() {
    return Array.from(state.conversations.values()).sort((a, b) =>
      (b.createdAt || '').localeCompare(a.createdAt || ''));
  }

  function renderList() {
    const list = $('conversations');
    const focusedId = document.activeElement && document.activeElement.dataset
      ? document.activeElement.dataset.conversationId : undefined;
    list.replaceChildren();
    const conversations = sortedConversations();
    $('no-conversations').hidden = conversations.length > 0;
    conversations.forEach((conversation) => {
      const item = element('li', { 'class': conversation.open ? 'open' : 'closed' });
      const button = element('button', {
        type: 'button',
        'data-conversation-id': conversation.id,
        'aria-current': conversation.id === state.selected ? 'true' : 'false'
      });
      button.append(element('span', { 'class': 'id' }, conversation.id));
      const who = conversation.customerId ? 'customer ' + conversation.customerId : 'customer';
      button.append(element('span', { 'class': 'state' }, (conversation.open ? 'open' : 'closed') + ' · ' + who));
      if (conversation.lastText) {
        button.append(element('span', { 'class': 'preview' }, conversation.lastText.slice(0, 60)));
      }
      button.addEventListener('click', () => select(conversation.id));
      item.append(button);
      list.append(item);
      if (focusedId === conversation.id) {
        button.focus();
      }
    });
  }

  function renderIfSelected(conversation) {
    if (conversation.id === state.selected) {
      renderConversation();
    }
  }

  function renderConversation() {
    const conversation = state.selected ? state.conversations.get(state.selected) : null;
    const timeline = $('timeline');
    timeline.replaceChildren();
    $('conversation').dataset.conversationId = conversation ? conversation.id : '';
    if (!conversation) {
      $('conversation-title').textContent = 'No conversation selected';
      $('conversation-state').textContent = 'Choose a conversation in the list, or start one as the customer.';
      renderContext(null);
      renderTyping();
      setEnabled(false);
      return;
    }
    $('conversation-title').textContent = 'Conversation ' + conversation.id;
    $('conversation-state').textContent = conversation.open ? 'Open' : 'Closed';
    setEnabled(conversation.open);
    const entries = Array.from(conversation.entries.values())
      .sort((a, b) => compareIds(a.messageId, b.messageId));
    entries.forEach((entry) => timeline.append(renderEntry(conversation, entry)));
    timeline.scrollTop = timeline.scrollHeight;
    renderContext(conversation);
    renderTyping();
  }

  function setEnabled(open) {
    ['accept', 'close-conversation', 'customer-typing-button', 'customer-read', 'customer-leave'].forEach((id) => {
      $(id).disabled = !open;
    });
    document.querySelectorAll('#reply-form button, #event-form button, #transfer-form button, #context-form button,'
      + ' #customer-message-form button, #customer-attachment-form button, #custom-event-form button')
      .forEach((button) => { button.disabled = !open; });
  }

  function renderEntry(conversation, entry) {
    const activity = entry.activity || {};
    const system = entry.sender === 'system';
    const compact = system || entry.type !== 'message';
    const item = element('li', {
      'class': 'entry ' + entry.sender + (compact ? ' compact' : ''),
      'data-message-id': entry.messageId,
      'data-sender': entry.sender,
      'data-type': entry.type
    });
    const header = element('header');
    const from = activity.from && activity.from.name ? activity.from.name
      : entry.sender === 'customer' ? 'Customer' : entry.sender === 'representative' ? 'Representative' : 'System';
    header.append(element('span', { 'class': 'from' }, from));
    header.append(element('span', { 'class': 'message-id' }, entry.messageId));
    header.append(element('time', { datetime: entry.timestamp }, formatTime(entry.timestamp)));
    item.append(header);
    item.append(renderBody(entry, activity));
    if (entry.sender !== 'customer') {
      const footer = element('footer');
      const delivery = conversation.deliveries.get(entry.messageId) || entry.delivery;
      if (delivery) {
        footer.append(renderDelivery(delivery));
      }
      if (entry.sender === 'representative' && entry.type === 'message') {
        const read = compareIds(entry.messageId, conversation.readUpTo || '0') <= 0;
        footer.append(element('span', { 'class': 'read', 'data-read': String(read) }, read ? 'Read' : 'Not read yet'));
      }
      item.append(footer);
    }
    return item;
  }

  function renderBody(entry, activity) {
    const body = element('div', { 'class': 'body' });
    if (entry.sender === 'system') {
      body.append(element('span', { 'class': 'text' }, 'System event: ' + (activity.name || activity.text || '')));
      return body;
    }
    if (entry.type === 'typing') {
      body.append(element('span', { 'class': 'text' }, 'Typing indicator'));
      return body;
    }
    if (entry.type === 'event') {
      const text = activity.name === 'MessageRead' && activity.value
        ? 'Read up to ' + activity.value.messageId
        : 'Event ' + (activity.name || '') + eventValue(activity);
      body.append(element('span', { 'class': 'text' }, text));
      return body;
    }
    if (entry.type === 'endOfConversation') {
      body.append(element('span', { 'class': 'text' }, 'The customer left the conversation'));
      return body;
    }
    if (typeof activity.text === 'string' && activity.text.length > 0) {
      if (entry.sender === 'representative' && activity.textFormat !== 'plain') {
        body.append(markdown(activity.text));
      } else {
        body.append(element('p', { 'class': 'text' }, activity.text));
      }
    }
    (Array.isArray(activity.attachments) ? activity.attachments : []).forEach((attachment) => {
      body.append(renderAttachment(attachment || {}));
    });
    return body;
  }

  function eventValue(activity) {
    const channelData = activity.channelData || {};
    const value = channelData.customEventValue !== undefined ? channelData.customEventValue : activity.value;
    if (value === undefined || value === null) {
      return '';
    }
    return ': ' + (typeof value === 'string' ? value : JSON.stringify(value));
  }

  function renderAttachment(attachment) {
    const name = typeof attachment.name === 'string' && attachment.name ? attachment.name : 'attachment';
    const url = typeof attachment.contentUrl === 'string' ? attachment.contentUrl.trim() : '';
    const type = typeof attachment.contentType === 'string' ? attachment.contentType : '';
    const figure = element('figure', { 'class': 'attachment' });
    if (type.toLowerCase().startsWith('image/') && SAFE_IMAGE.test(url)) {
      figure.append(element('img', { src: url, alt: name, loading: 'lazy', referrerpolicy: 'no-referrer' }));
      figure.append(element('figcaption', {}, name));
    } else if (SAFE_LINK.test(url)) {
      figure.append(element('a', { href: url, target: '_blank', rel: 'noopener noreferrer nofollow' },
        name + (type ? ' (' + type + ')' : '')));
    } else {
      figure.append(element('span', { 'class': 'muted' },
        name + (type ? ' (' + type + ')' : '') + (url ? ' — not a web link, not opened' : '')));
    }
    return figure;
  }

  function markdown(text) {
    const container = element('div', { 'class': 'markdown' });
    if (!window.marked || !window.DOMPurify) {
      container.append(element('p', { 'class': 'text' }, text));
      return container;
    }
    const html = window.marked.parse(text, { async: false, gfm: true, breaks: true });
    const clean = window.DOMPurify.sanitize(html, {
      ALLOWED_TAGS: MARKDOWN_TAGS,
      ALLOWED_ATTR: ['href', 'title'],
      ALLOWED_URI_REGEXP: SAFE_LINK,
      RETURN_DOM_FRAGMENT: true
    });
    container.append(clean);
    return container;
  }

  function configureMarkdown() {
    if (!window.marked || !window.DOMPurify) {
      return;
    }
    const escape = (text) => String(text).replace(/[&<>"']/g, (c) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
    window.marked.use({
      renderer: {
        // raw HTML in markdown is shown as text, never parsed
        html(token) { return escape(token.text); },
        // an image is a link to it: nothing loads from a URL a message names
        image(token) {
          return '<a href="' + escape(token.href) + '">' + escape(token.text || token.href) + ' (image)</a>';
        }
      }
    });
    window.DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A') {
        if (!SAFE_LINK.test(node.getAttribute('href') || '')) {
          node.removeAttribute('href');
        }
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer nofollow');
      }
    });
  }

  function renderDelivery(delivery) {
    const attempts = delivery.attempts === 1 ? '1 attempt' : delivery.attempts + ' attempts';
    let text = 'Webhook: ' + delivery.status + ' · ' + attempts;
    if (delivery.lastError && delivery.status !== 'delivered') {
      text += ' · ' + delivery.lastError;
    }
    return element('span', { 'class': 'delivery', 'data-status': delivery.status, 'data-attempts': delivery.attempts },
      text);
  }

  function renderTyping() {
    const conversation = state.selected ? state.conversations.get(state.selected) : null;
    const typing = $('customer-typing');
    const shown = !!conversation && conversation.customerTypingUntil > Date.now();
    typing.hidden = !shown;
    typing.textContent = shown ? 'The customer is typing…' : '';
  }

  function renderContext(conversation) {
    const body = $('context').querySelector('tbody');
    body.replaceChildren();
    (conversation ? conversation.context || [] : []).forEach((variable) => {
      const row = element('tr');
      row.append(element('td', {}, variable.name));
      row.append(element('td', {}, typeof variable.value === 'string' ? variable.value : JSON.stringify(variable.value)));
      body.append(row);
    });
  }

  function formatTime(timestamp) {
    const date = new Date(timestamp);
    return isNaN(date.getTime()) ? '' : date.toLocaleTimeString();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Actions.

  async function select(id) {
    state.selected = id;
    renderList();
    renderConversation();
    try {
      await loadConversation(id);
    } catch (e) {
      showError('action-error', e);
    }
  }

  function showError(id, error) {
    $(id).textContent = error ? (error.message || String(error)) : '';
  }

  function clearErrors() {
    ['action-error', 'customer-error', 'context-error'].forEach((id) => showError(id, null));
  }

  function selectedPath(action) {
    return '/conversations/' + encodeURIComponent(state.selected) + action;
  }

  function representative() {
    const name = $('rep-name').value.trim() || 'Representative';
    return { id: 'agent-' + name.toLowerCase().replace(/[^a-z0-9]+/g, '-'), name: name };
  }

  /** A handler that runs {@code action}, showing its failure in the element {@code errorId}. */
  function act(errorId, action, needsConversation = true) {
    return async (event) => {
      if (event) {
        event.preventDefault();
      }
      clearErrors();
      if (needsConversation && !state.selected) {
        showError(errorId, new Error('Choose a conversation first.'));
        return;
      }
      try {
        await action();
      } catch (e) {
        showError(errorId, e);
      }
    };
  }

  function randomId() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') {
      return window.crypto.randomUUID();
    }
    return 'id-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2);
  }

  function customer() {
    return { name: $('customer-name').value.trim() || 'Customer' };
  }

  function sendAsCustomer(activity) {
    activity.id = activity.id || randomId();
    return api('POST', consumer('/conversation/' + encodeURIComponent(state.selected)), activity);
  }

  function latestReply() {
    const conversation = state.conversations.get(state.selected);
    const replies = Array.from(conversation.entries.values())
      .filter((e) => e.sender === 'representative' && e.type === 'message')
      .sort((a, b) => compareIds(a.messageId, b.messageId));
    return replies.length ? replies[replies.length - 1].messageId : null;
  }

  function bindActions() {
    $('accept').addEventListener('click', act('action-error', () =>
      api('POST', emulator(selectedPath('/accept')), representative())));
    $('close-conversation').addEventListener('click', act('action-error', () =>
      api('POST', emulator(selectedPath('/close')))));
    $('reply-form').addEventListener('submit', act('action-error', async () => {
      const text = $('reply').value;
      if (!text.trim()) {
        return;
      }
      await api('POST', emulator(selectedPath('/activities')),
        { type: 'message', from: representative(), text: text, textFormat: 'markdown' });
      $('reply').value = '';
      state.lastTypingSent = 0;
    }));
    $('reply').addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        $('reply-form').requestSubmit();
      }
    });
    $('reply').addEventListener('input', () => {
      const now = Date.now();
      if (state.selected && $('reply').value && now - state.lastTypingSent > TYPING_SENT_EVERY_MS) {
        state.lastTypingSent = now;
        api('POST', emulator(selectedPath('/activities')), { type: 'typing', from: representative() })
          .catch((e) => showError('action-error', e));
      }
    });
    $('event-form').addEventListener('submit', act('action-error', () =>
      api('POST', emulator(selectedPath('/events')), { name: $('system-event').value })));
    $('transfer-form').addEventListener('submit', act('action-error', () =>
      api('POST', emulator(selectedPath('/events')), { name: $('transfer-to').value })));
    $('context-form').addEventListener('submit', act('context-error', async () => {
      const name = $('context-name').value.trim();
      if (!name) {
        throw new Error('A context variable needs a name.');
      }
      const raw = $('context-value').value;
      const type = $('context-type').value;
      let value = raw;
      if (type === 'number') {
        value = Number(raw);
        if (raw.trim() === '' || !isFinite(value)) {
          throw new Error('"' + raw + '" is not a number.');
        }
      } else if (type === 'boolean') {
        value = /^(true|yes|1)$/i.test(raw.trim());
      }
      const context = {};
      context[name] = { value: value, isDisplayable: $('context-displayable').checked };
      const list = await api('POST', emulator(selectedPath('/context')), { context: context });
      const conversation = state.conversations.get(state.selected);
      if (conversation) {
        conversation.context = list.context;
        renderContext(conversation);
      }
    }));

    $('start-form').addEventListener('submit', act('customer-error', async () => {
      const created = await api('POST', consumer('/conversation/create'), {
        customercontext: { customerid: 'customer-' + randomId().slice(0, 8), preferredname: customer().name }
      });
      known(created.conversationId);
      await select(created.conversationId);
    }, false));
    $('customer-message-form').addEventListener('submit', act('customer-error', async () => {
      const text = $('customer-text').value;
      if (!text.trim()) {
        return;
      }
      await sendAsCustomer({ type: 'message', from: customer(), text: text });
      $('customer-text').value = '';
    }));
    $('customer-attachment-form').addEventListener('submit', act('customer-error', () =>
      sendAsCustomer({ type: 'message', from: customer(), attachments: [{
        name: $('attachment-name').value, contentType: $('attachment-type').value,
        contentUrl: $('attachment-url').value }] })));
    $('customer-typing-button').addEventListener('click', act('customer-error', () =>
      sendAsCustomer({ type: 'typing', from: customer() })));
    $('customer-read').addEventListener('click', act('customer-error', () => {
      const messageId = latestReply();
      if (!messageId) {
        throw new Error('The representative has not replied yet.');
      }
      return sendAsCustomer({ type: 'event', name: 'MessageRead', from: customer(), value: { messageId: messageId } });
    }));
    $('customer-leave').addEventListener('click', act('customer-error', () =>
      sendAsCustomer({ type: 'endOfConversation', from: customer() })));
    $('custom-event-form').addEventListener('submit', act('customer-error', () => {
      const name = $('custom-event-name').value.trim();
      const raw = $('custom-event-value').value.trim() || '{}';
      JSON.parse(raw);
      return sendAsCustomer({ type: 'event', name: name, from: customer(),
        channelData: { customEvent: true, customEventName: name, customEventValue: raw } });
    }));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Sign-in and start.

  async function signIn(event) {
    event.preventDefault();
    const session = {
      channelId: $('channel-id').value.trim(),
      organizationId: $('organization-id').value.trim(),
      token: $('token').value
    };
    if (!session.channelId || !session.organizationId || !session.token) {
      $('sign-in-error').textContent = 'Fill in the channel id, the organization id and the token.';
      return;
    }
    state.session = session;
    try {
      await api('GET', consumer('/conversations?PageSize=1'));
    } catch (e) {
      state.session = null;
      $('sign-in-error').textContent = e.status === 401
        ? 'The server does not accept this token for this channel and organization.'
        : 'Sign-in failed: ' + e.message;
      return;
    }
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
    $('token').value = '';
    start();
  }

  function signOut(message) {
    disconnect();
    sessionStorage.removeItem(SESSION_KEY);
    state.session = null;
    state.conversations = new Map();
    state.selected = null;
    stream.lastEventId = null;
    stream.attempt = 0;
    $('console-view').hidden = true;
    $('sign-in-view').hidden = false;
    $('sign-out').hidden = true;
    $('channel-label').textContent = '';
    $('sign-in-error').textContent = message || '';
    setConnection('offline', 'Not connected');
    fillSignIn();
    $('channel-id').focus();
  }

  function fillSignIn() {
    $('channel-id').value = DEV.channelId;
    $('organization-id').value = DEV.organizationId;
    $('token').value = DEV.token;
  }

  function start() {
    state.session = state.session || loadSession();
    $('sign-in-view').hidden = true;
    $('console-view').hidden = false;
    $('sign-out').hidden = false;
    $('channel-label').textContent = 'Channel ' + state.session.channelId;
    renderList();
    renderConversation();
    connect();
  }

  function init() {
    configureMarkdown();
    const events = $('system-event');
    SYSTEM_EVENTS.forEach((name) => events.append(element('option', { value: name }, name)));
    $('sign-in').addEventListener('submit', signIn);
    $('sign-out').addEventListener('click', () => signOut(''));
    bindActions();
    fillSignIn();
    state.session = loadSession();
    if (state.session) {
      start();
    } else {
      setConnection('offline', 'Not connected');
    }
  }

  init();
}());
