'use strict';

// The page reads its channels through the starter's browser client (/sseboot/client.js): one
// channel from /events/{channel}, several (or a pattern such as news/*) multiplexed on one stream
// from /events?channel=a&channel=b, each event telling its channel.

// The event the server sends first when it cannot replay after our Last-Event-ID (sse.replay.gap-event).
const GAP_EVENT = 'sse-gap';
const DEFAULT_CHANNELS = ['time', 'news'];
const MAX_LOG_ENTRIES = 300;
const CHANNELS_REFRESH_MS = 5000;

const $ = (id) => document.getElementById(id);

const page = {
  stream: null,
  channels: [],
  // The client script hands a named event only to a stream that listed its name; "message" always.
  names: new Set(['message']),
  opened: false,
  reopened: false,
  // When the stream last re-opened, on the server's clock: events published before it are replays.
  reopenedAt: 0,
  lastEventId: '',
  counts: { events: 0, replayed: 0, reconnects: 0 },
  // The server's clock minus the page's, from the quickest GET /api/channels so far.
  clock: { offset: 0, roundTrip: Infinity },
};

/** Whether an entry names one channel (not a pattern such as news/*). */
const isChannel = (entry) => !entry.includes('*');

/** The stream's URL, as the client script builds it. */
function streamUrl(channels) {
  return channels.length === 1 && isChannel(channels[0])
    ? '/events/' + channels[0]
    : '/events?' + channels.map((channel) => 'channel=' + encodeURIComponent(channel)).join('&');
}

function connect(channels) {
  const previous = page.stream;
  page.stream = null;
  if (previous) {
    previous.close();
  }
  let stream;
  try {
    stream = SseBoot.connect({ path: '/events', channels, events: [...page.names], gapEvent: GAP_EVENT });
  } catch (invalid) {
    note(invalid.message);
    return;
  }
  Object.assign(page, { stream, channels, opened: false, reopened: false, reopenedAt: 0, lastEventId: '' });
  page.counts = { events: 0, replayed: 0, reconnects: 0 };
  renderCounts();
  const url = streamUrl(channels);
  $('stream-url').textContent = url;
  $('channels-input').value = channels.join(' ');
  $('publish-channel').replaceChildren(...channels.filter(isChannel)
    .map((channel) => Object.assign(document.createElement('option'), { value: channel, textContent: channel })));
  history.replaceState(null, '', '?' + channels.map((channel) => 'channel=' + encodeURIComponent(channel)).join('&'));

  stream.on('*', (event) => onEvent(stream, event));
  stream.onGap((gap) => onGap(stream, gap));
  stream.onState((state) => onState(stream, state));
  note(`connecting to ${url}`);
}

function onState(stream, state) {
  if (stream !== page.stream) {
    return;
  }
  if (state === 'open') {
    onOpen();
  } else if (state === 'closed') {
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

function onOpen() {
  if (page.opened) {
    page.reopened = true;
    page.reopenedAt = Date.now() + page.clock.offset;
    page.counts.reconnects++;
    renderCounts();
    // The stream opened with every channel's position in an id-only block, which sets the
    // browser's last event id without an event: even before the first event the browser sends one.
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

function onEvent(stream, event) {
  if (stream !== page.stream) {
    return;
  }
  page.lastEventId = event.lastEventId;
  const published = parsePublished(event.data);
  const replayed = page.reopened && published !== null && published.publishedAt < page.reopenedAt;
  page.counts.events++;
  if (replayed) {
    page.counts.replayed++;
  }
  renderCounts();
  addEntry({
    // The event's id on its channel; none for an event that came through a pattern.
    id: event.id || '',
    channel: event.channel,
    name: event.event,
    text: published ? published.text : event.data,
    publishedAt: published ? published.publishedAt - page.clock.offset : null,
    replayed,
    gap: false,
  });
}

function onGap(stream, gap) {
  if (stream !== page.stream) {
    return;
  }
  page.counts.events++;
  renderCounts();
  addEntry({
    id: '',
    channel: gap.channel,
    name: GAP_EVENT,
    text: gap.position
      ? `could not replay after id ${gap.position}; the server no longer holds those events`
      : 'a pattern cannot be resumed: what its channels published while away is not replayed',
    publishedAt: null,
    replayed: false,
    gap: true,
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

/** Listens for one more event name: the client script takes its names when it connects, so it connects again. */
async function listen(name) {
  if (page.names.has(name)) {
    return;
  }
  page.names.add(name);
  renderNames();
  connect(page.channels);
  const stream = page.stream;
  let stop;
  await new Promise((resolve) => {
    stop = stream.onState((state) => state !== 'connecting' && resolve());
  });
  stop();
}

async function publish(submit) {
  submit.preventDefault();
  const name = $('publish-event').value.trim();
  const data = $('publish-data').value;
  if (name) {
    await listen(name);
  }
  const channel = $('publish-channel').value;
  const answer = await api('POST', `/api/channels/${encodeURIComponent(channel)}/messages`,
    name ? { event: name, data } : { data });
  $('publish-status').textContent = answer.ok
    ? `Published id ${answer.body.id} to ${answer.body.localStreams} stream(s).`
    : `Refused: ${answer.problem}`;
  if (answer.ok) {
    $('publish-data').value = '';
  }
}

async function dropStreams() {
  // Closing one of the stream's channels ends the whole stream, as a restarting server would.
  const channel = $('publish-channel').value;
  const answer = await api('POST', `/api/channels/${encodeURIComponent(channel)}/close`);
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
    item('span', 'channel', entry.channel),
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
  connect($('channels-input').value.split(/[\s,]+/).filter(Boolean));
});
$('publish-form').addEventListener('submit', publish);
$('drop').addEventListener('click', dropStreams);
$('clear').addEventListener('click', () => $('log').replaceChildren());

renderNames();
const requested = new URLSearchParams(location.search).getAll('channel');
connect(requested.length ? requested : DEFAULT_CHANNELS);
refreshChannels();
setInterval(refreshChannels, CHANNELS_REFRESH_MS);
