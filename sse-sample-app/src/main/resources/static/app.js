'use strict';

// The event the server sends first when it cannot replay after our Last-Event-ID (sse.replay.gap-event).
const GAP_EVENT = 'sse-gap';
const DEFAULT_CHANNEL = 'time';
const MAX_LOG_ENTRIES = 300;
const CHANNELS_REFRESH_MS = 5000;

const $ = (id) => document.getElementById(id);

const page = {
  source: null,
  channel: null,
  // EventSource delivers a named event only to listeners of that name, so every name is listened for.
  names: new Set(['message', GAP_EVENT]),
  opened: false,
  reopened: false,
  // When the stream last re-opened, on the server's clock: events published before it are replays.
  reopenedAt: 0,
  lastEventId: '',
  counts: { events: 0, replayed: 0, reconnects: 0 },
  // The server's clock minus the page's, from the quickest GET /api/channels so far.
  clock: { offset: 0, roundTrip: Infinity },
};

function connect(channel) {
  if (page.source) {
    page.source.close();
  }
  Object.assign(page, { channel, opened: false, reopened: false, reopenedAt: 0, lastEventId: '' });
  page.counts = { events: 0, replayed: 0, reconnects: 0 };
  renderCounts();
  const url = '/events/' + encodeURIComponent(channel);
  $('stream-url').textContent = url;
  $('publish-channel').textContent = channel;
  $('channel').value = channel;
  history.replaceState(null, '', '?channel=' + encodeURIComponent(channel));

  const source = new EventSource(url);
  source.addEventListener('open', onOpen);
  source.addEventListener('error', onError);
  page.names.forEach((name) => source.addEventListener(name, onEvent));
  page.source = source;
  setState('connecting');
  note(`connecting to ${url}`);
}

// A published event may be named "open" or "error" too; those arrive as MessageEvents and are logged by onEvent.
function isConnectionEvent(event) {
  return !(event instanceof MessageEvent) && event.target === page.source;
}

function onOpen(event) {
  if (!isConnectionEvent(event)) {
    return;
  }
  if (page.opened) {
    page.reopened = true;
    page.reopenedAt = Date.now() + page.clock.offset;
    page.counts.reconnects++;
    renderCounts();
    // The stream opened with the channel's position in an id-only block, which sets the browser's
    // last event id without an event: even before the first event the browser sends one.
    note(page.lastEventId
      ? `reconnected; the browser sent Last-Event-ID ${page.lastEventId}`
      : 'reconnected; the browser sent the position the stream opened with as Last-Event-ID');
  } else {
    note('stream open');
  }
  page.opened = true;
  setState('open');
  refreshChannels();
}

function onError(event) {
  if (!isConnectionEvent(event)) {
    return;
  }
  if (page.source.readyState === EventSource.CLOSED) {
    // The browser gives up on a non-stream answer (400 for a bad channel name, 503 over a cap, ...).
    setState('closed');
    note('the server refused the stream; press Connect to try again');
  } else if (page.opened) {
    if ($('state').dataset.state === 'open') {
      note('stream dropped; the browser reconnects after the retry interval the server set');
    }
    setState('reconnecting');
  } else {
    setState('connecting');
  }
}

function onEvent(event) {
  if (!(event instanceof MessageEvent) || event.target !== page.source) {
    return;
  }
  page.lastEventId = event.lastEventId;
  const gap = event.type === GAP_EVENT;
  const published = gap ? null : parsePublished(event.data);
  const replayed = page.reopened && published !== null && published.publishedAt < page.reopenedAt;
  page.counts.events++;
  if (replayed) {
    page.counts.replayed++;
  }
  renderCounts();
  addEntry({
    id: event.lastEventId,
    name: event.type,
    text: gap ? `could not replay after id ${event.data}; the server no longer holds those events` : published ? published.text : event.data,
    publishedAt: published ? published.publishedAt - page.clock.offset : null,
    replayed,
    gap,
  });
}

/** The sample's JSON data ({"text", "publishedAt"}), or null for data published some other way. */
function parsePublished(data) {
  try {
    const value = JSON.parse(data);
    return value && typeof value.text === 'string' && Number.isFinite(value.publishedAt) ? value : null;
  } catch (notJson) {
    return null;
  }
}

function listen(name) {
  if (page.names.has(name)) {
    return;
  }
  page.names.add(name);
  if (page.source) {
    page.source.addEventListener(name, onEvent);
  }
  renderNames();
}

async function publish(submit) {
  submit.preventDefault();
  const name = $('publish-event').value.trim();
  const data = $('publish-data').value;
  if (name) {
    listen(name);
  }
  const answer = await api('POST', `/api/channels/${encodeURIComponent(page.channel)}/messages`,
    name ? { event: name, data } : { data });
  $('publish-status').textContent = answer.ok
    ? `Published id ${answer.body.id} to ${answer.body.localStreams} stream(s).`
    : `Refused: ${answer.problem}`;
  if (answer.ok) {
    $('publish-data').value = '';
  }
}

async function dropStreams() {
  const answer = await api('POST', `/api/channels/${encodeURIComponent(page.channel)}/close`);
  $('stream-status').textContent = answer.ok
    ? `Closed ${answer.body.closedStreams} stream(s) of ${answer.body.channel}; browsers reconnect after the retry interval.`
    : `Refused: ${answer.problem}`;
  refreshChannels();
}

async function refreshChannels() {
  const sent = Date.now();
  const answer = await api('GET', '/api/channels');
  if (!answer.ok) {
    $('channels').textContent = `unavailable: ${answer.problem}`;
    return;
  }
  const roundTrip = Date.now() - sent;
  if (roundTrip <= page.clock.roundTrip) {
    page.clock = { offset: answer.body.serverTime - (sent + roundTrip / 2), roundTrip };
  }
  const channels = answer.body.channels;
  $('channels').textContent = channels.length
    ? channels.map((c) => `${c.name} (${c.subscribers})`).join(', ')
    : 'none';
  $('known-channels').replaceChildren(...channels.map((c) => Object.assign(document.createElement('option'), { value: c.name })));
}

/** Calls the API; a failure becomes a message for the page (the problem detail when the server sent one). */
async function api(method, url, body) {
  try {
    const response = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // Not every answer has a JSON body (a proxy's error page, say); the status then tells the problem.
    const json = await response.json().catch(() => ({}));
    return { ok: response.ok, body: json, problem: json.detail || json.title || `HTTP ${response.status}` };
  } catch (unreachable) {
    return { ok: false, problem: `the server is unreachable (${unreachable.message})` };
  }
}

function setState(state) {
  const badge = $('state');
  badge.dataset.state = state;
  badge.textContent = state;
}

function renderCounts() {
  $('count-events').textContent = page.counts.events;
  $('count-replayed').textContent = page.counts.replayed;
  $('count-reconnects').textContent = page.counts.reconnects;
}

function renderNames() {
  $('event-names').replaceChildren(...[...page.names].map((name) => item('code', 'name', name)));
}

function addEntry(entry) {
  const li = item('li', 'entry');
  li.dataset.id = entry.id;
  li.dataset.event = entry.name;
  li.dataset.replayed = entry.replayed;
  li.append(
    item('time', '', clockTime(Date.now())),
    item('span', 'id', entry.id ? `#${entry.id}` : 'no id'),
    item('span', entry.name === 'message' ? 'name' : 'name named', entry.name),
    item('span', 'text', entry.text));
  if (entry.replayed) {
    const badge = item('span', 'badge replayed', 'replayed');
    badge.title = `published ${clockTime(entry.publishedAt)}, before the stream re-opened`;
    li.append(badge);
  }
  if (entry.gap) {
    li.append(item('span', 'badge gap', 'gap'));
  }
  prepend(li);
}

function note(text) {
  prepend(item('li', 'note', `${clockTime(Date.now())} · ${text}`));
}

function prepend(li) {
  const log = $('log');
  log.prepend(li);
  while (log.childElementCount > MAX_LOG_ENTRIES) {
    log.lastElementChild.remove();
  }
}

/** An element with text content: data from the stream is never parsed as HTML. */
function item(tag, className, text) {
  const element = document.createElement(tag);
  element.className = className;
  if (text !== undefined) {
    element.textContent = text;
  }
  return element;
}

function clockTime(millis) {
  const time = new Date(millis);
  const two = (n) => String(n).padStart(2, '0');
  return `${two(time.getHours())}:${two(time.getMinutes())}:${two(time.getSeconds())}.${String(time.getMilliseconds()).padStart(3, '0')}`;
}

$('channel-form').addEventListener('submit', (submit) => {
  submit.preventDefault();
  connect($('channel').value.trim());
});
$('publish-form').addEventListener('submit', publish);
$('drop').addEventListener('click', dropStreams);
$('clear').addEventListener('click', () => $('log').replaceChildren());

renderNames();
connect(new URLSearchParams(location.search).get('channel') || DEFAULT_CHANNEL);
refreshChannels();
setInterval(refreshChannels, CHANNELS_REFRESH_MS);
