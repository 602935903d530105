/*
 * sseboot browser client (plain ES2020, no build step). Served by the sseboot starter at
 * sse.client-script.path (default /sseboot/client.js); defines the global `SseBoot`.
 *
 *   const stream = SseBoot.connect({
 *     path: '/events',                 // sse.path of the server (or an absolute URL of it)
 *     channels: ['orders', 'prices/*'],// channel names, or patterns: `*` one segment, `**` (last) one or more
 *     events: ['price-changed'],       // event names besides `message` the page wants (see below)
 *     gapEvent: 'sse-gap',             // sse.replay.gap-event of the server
 *     withCredentials: false,          // EventSource's withCredentials, for a stream on another origin
 *     shared: true,                    // one stream for every tab of this origin with the same options
 *   });
 *   const off = stream.on('prices/*', ({channel, event, data, id, lastEventId}) => { ... });
 *   stream.on('*', handler);           // every event of every channel
 *   stream.onGap(({channel, position}) => reload(channel));
 *   stream.onState(state => ...);      // 'connecting', 'open', 'closed'
 *   stream.leader;                     // whether this tab holds the stream
 *   stream.close();
 *
 * One exact channel is read from today's single-channel endpoint `{path}/{channel}`; several
 * channels, or any pattern, from the multiplexed `{path}?channel=a&channel=b`, whose every event
 * carries the composite id `<source>|<e0>,<e1>,...` that tells its channel. The browser sends the
 * last id back as Last-Event-ID by itself when it reconnects.
 *
 * An EventSource dispatches an event named by `event:` only to a listener of that name, so the
 * names the page wants besides `message` must be listed in `events`.
 */
(function (global) {
  'use strict';

  const CHANNEL = /^[A-Za-z0-9._:~@\/-]{1,128}$/;
  const SEEN_EVENTS = 1024;

  /** Whether `value` is a channel name (no wildcard) or a pattern, per the server's rules. */
  function entryKind(value) {
    if (typeof value !== 'string' || !CHANNEL.test(value.replace(/\*/g, 'x'))) {
      return null;
    }
    const segments = value.split('/');
    let pattern = false;
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i];
      if (segment === '' || segment === '.' || segment === '..') {
        return null;
      }
      if (segment === '*' || (segment === '**' && i === segments.length - 1)) {
        pattern = true;
      } else if (segment.includes('*')) {
        return null;
      }
    }
    return pattern ? 'pattern' : 'channel';
  }

  /** Whether channel `name` is matched by `entry` (a channel name or pattern). */
  function matches(entry, name) {
    const wanted = entry.split('/');
    const actual = name.split('/');
    for (let i = 0; i < wanted.length; i++) {
      if (wanted[i] === '**' && i === wanted.length - 1) {
        return actual.length > i;
      }
      if (i >= actual.length || (wanted[i] !== '*' && wanted[i] !== actual[i])) {
        return false;
      }
    }
    return wanted.length === actual.length;
  }

  /**
   * Splits a composite id `<source>|<e0>,<e1>,...` into its source channel (empty for the block that
   * opens a stream) and its unescaped positions; null when `value` is not one.
   */
  function parseId(value) {
    const bar = typeof value === 'string' ? value.indexOf('|') : -1;
    if (bar < 0) {
      return null;
    }
    return {
      source: value.slice(0, bar),
      positions: value.slice(bar + 1).split(',')
        .map(entry => entry.replace(/%(25|2C|7C)/gi, (escape, hex) => String.fromCharCode(parseInt(hex, 16)))),
    };
  }

  function normalize(options) {
    const settings = {
      path: '/events',
      channels: [],
      events: [],
      gapEvent: 'sse-gap',
      withCredentials: false,
      shared: false,
      ...options,
    };
    if (!Array.isArray(settings.channels) || settings.channels.length === 0) {
      throw new TypeError('SseBoot.connect needs channels: a non-empty array of channel names or patterns');
    }
    const seen = new Set();
    for (const channel of settings.channels) {
      if (entryKind(channel) === null) {
        throw new TypeError(`SseBoot.connect: '${channel}' is not a channel name or pattern`);
      }
      if (seen.has(channel)) {
        throw new TypeError(`SseBoot.connect: channel '${channel}' is listed twice`);
      }
      seen.add(channel);
    }
    settings.path = String(settings.path).replace(/\/+$/, '');
    settings.events = [...new Set(['message', ...settings.events])].filter(name => name !== settings.gapEvent);
    return settings;
  }

  /** The stream's URL; a new leader passes the last id it saw, which an EventSource cannot send as a header. */
  function streamUrl(settings, lastEventId) {
    const single = settings.channels.length === 1 && entryKind(settings.channels[0]) === 'channel';
    const query = single ? [] : settings.channels.map(channel => 'channel=' + encodeURIComponent(channel));
    if (lastEventId) {
      query.push('lastEventId=' + encodeURIComponent(lastEventId));
    }
    const base = single ? settings.path + '/' + settings.channels[0] : settings.path;
    return query.length === 0 ? base : base + '?' + query.join('&');
  }

  class Stream {
    constructor(settings) {
      this._settings = settings;
      this._single = settings.channels.length === 1 && entryKind(settings.channels[0]) === 'channel';
      this._exact = new Map();
      settings.channels.forEach((channel, index) => {
        if (entryKind(channel) === 'channel') {
          this._exact.set(channel, index);
        }
      });
      this._handlers = [];
      this._gapHandlers = [];
      this._stateHandlers = [];
      this._state = 'connecting';
      this._lastEventId = '';
      this._seen = new Set();
      this._source = null;
      this._leader = false;
      this._closed = false;
      const canShare = typeof BroadcastChannel === 'function' && global.navigator && global.navigator.locks;
      if (settings.shared && !canShare) {
        console.info('SseBoot: this browser has no Web Locks or BroadcastChannel; this tab opens its own stream');
      }
      if (settings.shared && canShare) {
        this._share();
      } else {
        this._lead();
      }
    }

    /** Calls `handler` with every event of the channels `channel` names (a name, a pattern, or '*' for all). */
    on(channel, handler) {
      const entry = { channel, handler };
      this._handlers.push(entry);
      return () => { this._handlers = this._handlers.filter(other => other !== entry); };
    }

    /** Calls `handler` with `{channel, position}` when the server could not replay what a channel missed. */
    onGap(handler) {
      this._gapHandlers.push(handler);
      return () => { this._gapHandlers = this._gapHandlers.filter(other => other !== handler); };
    }

    /** Calls `handler` with the state now and on every change: 'connecting', 'open' or 'closed'. */
    onState(handler) {
      this._stateHandlers.push(handler);
      handler(this._state);
      return () => { this._stateHandlers = this._stateHandlers.filter(other => other !== handler); };
    }

    get state() {
      return this._state;
    }

    /** Whether this tab holds the stream (always, unless `shared` and another tab of the origin leads). */
    get leader() {
      return this._leader;
    }

    /** The last id seen: what the browser sends as Last-Event-ID, and what a new leader resumes from. */
    get lastEventId() {
      return this._lastEventId;
    }

    close() {
      if (this._closed) {
        return;
      }
      this._closed = true;
      if (this._source) {
        this._source.close();
        this._source = null;
      }
      if (this._bus) {
        this._bus.close();
        this._stopSharing();
      }
      this._setState('closed');
    }

    // One tab of the origin holds the stream: the one holding the Web Lock named after the options.
    // Closing that tab (or its stream) frees the lock, and the tab that waited longest takes over.
    _share() {
      const name = 'sseboot:' + JSON.stringify([this._settings.path, this._settings.channels,
        this._settings.events, this._settings.gapEvent, Boolean(this._settings.withCredentials)]);
      this._bus = new BroadcastChannel(name);
      this._bus.onmessage = message => this._fromLeader(message.data);
      const waiting = new AbortController();
      let release;
      const held = new Promise(resolve => { release = resolve; });
      this._stopSharing = () => {
        waiting.abort();
        release();
      };
      global.navigator.locks.request(name, { signal: waiting.signal }, () => {
        if (this._closed) {
          return undefined;
        }
        this._lead();
        return held;
      }).catch(error => {
        if (error.name !== 'AbortError') {
          console.error('SseBoot: could not take part in the leader election of this origin', error);
        }
      });
      this._bus.postMessage({ kind: 'hello' });
    }

    _lead() {
      this._leader = true;
      this._publishState('connecting');
      const source = new EventSource(streamUrl(this._settings, this._lastEventId),
        { withCredentials: Boolean(this._settings.withCredentials) });
      this._source = source;
      source.onopen = () => this._publishState('open');
      source.onerror = () => this._publishState(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
      for (const name of this._settings.events) {
        source.addEventListener(name, message => this._received(message, false));
      }
      source.addEventListener(this._settings.gapEvent, message => this._received(message, true));
    }

    _received(message, gap) {
      const lastEventId = message.lastEventId;
      let channel;
      let id = null;
      if (this._single) {
        channel = this._settings.channels[0];
        id = lastEventId;
      } else {
        const parsed = parseId(lastEventId);
        if (parsed === null || parsed.positions.length !== this._settings.channels.length) {
          console.warn(`SseBoot: the event id '${lastEventId}' is not a composite id of ${this._settings.channels.length} channels; event dropped`);
          return;
        }
        channel = parsed.source;
        const index = this._exact.get(channel);
        id = index === undefined ? null : parsed.positions[index];
      }
      const delivery = gap
        ? { kind: 'gap', channel, position: message.data, lastEventId }
        : { kind: 'event', channel, event: message.type, data: message.data, id, lastEventId };
      if (this._deliver(delivery) && this._bus) {
        this._bus.postMessage(delivery);
      }
    }

    _fromLeader(message) {
      if (message.kind === 'hello') {
        if (this._leader) {
          this._bus.postMessage({ kind: 'state', state: this._state });
        }
      } else if (message.kind === 'state') {
        if (!this._leader) {
          this._setState(message.state);
        }
      } else {
        this._deliver(message);
      }
    }

    /** Hands a delivery to this tab's handlers; false when it was closed or had the event already. */
    _deliver(delivery) {
      if (this._closed) {
        return false;
      }
      this._lastEventId = delivery.lastEventId;
      // A new leader resumes from the last id it saw; events that reached it late from the former
      // leader may come again by replay. An event is known by its channel and its id there.
      if (delivery.kind === 'event' && delivery.id !== null && delivery.id !== '') {
        const key = delivery.channel + '\n' + delivery.id;
        if (this._seen.has(key)) {
          return false;
        }
        this._seen.add(key);
        if (this._seen.size > SEEN_EVENTS) {
          this._seen.delete(this._seen.values().next().value);
        }
      }
      if (delivery.kind === 'gap') {
        const gap = { channel: delivery.channel, position: delivery.position };
        this._gapHandlers.slice().forEach(handler => handler(gap));
        return true;
      }
      const event = { channel: delivery.channel, event: delivery.event, data: delivery.data, id: delivery.id,
        lastEventId: delivery.lastEventId };
      this._handlers.slice()
        .filter(entry => entry.channel === '*' || matches(entry.channel, delivery.channel))
        .forEach(entry => entry.handler(event));
      return true;
    }

    _publishState(state) {
      this._setState(state);
      if (this._bus) {
        this._bus.postMessage({ kind: 'state', state });
      }
    }

    _setState(state) {
      if (this._state !== state && !(this._closed && state !== 'closed')) {
        this._state = state;
        this._stateHandlers.slice().forEach(handler => handler(state));
      }
    }
  }

  global.SseBoot = Object.freeze({
    /** Opens a stream (or joins the stream another tab holds, with `shared: true`). */
    connect: options => new Stream(normalize(options || {})),
    parseId,
    matches,
  });
})(typeof self !== 'undefined' ? self : this);
