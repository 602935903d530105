package dev.sseboot.core.hub;

import dev.sseboot.core.broker.InMemorySseBroker;
import dev.sseboot.core.broker.Replay;
import dev.sseboot.core.broker.SseBroker;
import dev.sseboot.core.wire.SseEncoder;
import dev.sseboot.core.wire.SseMessage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * The channel registry and fan-out.
 *
 * <p>A publish goes through the broker, which assigns the id, keeps the replay history and calls
 * back {@link #deliver} in id order; the hub encodes the message once and enqueues that one frame
 * for every local subscriber of the channel. Channels exist while they have subscribers; their
 * replay history lives in the broker and outlives them for the replay ttl.
 *
 * <p>A stream is on one channel ({@link #subscribe(String, SseSink, String, String)}) or
 * multiplexed over several channels and patterns ({@link #subscribe(List, SseSink, String, String)}).
 * A multiplexed stream gets each event as published, with an id of its own that names the source
 * channel and its position on every channel ({@link CompositeEventId}); the event is still encoded
 * once for all such streams, and each appends its id when it writes.
 *
 * <p>Publishing never blocks on a client. Writes happen on the drain executor (virtual threads on
 * JDK 21+), and one shared maintenance task enforces write and idle timeouts and sends heartbeats.
 */
public final class SseHub implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SseHub.class);
    private static final Duration MIN_MAINTENANCE_PERIOD = Duration.ofMillis(25);
    private static final Duration MAX_MAINTENANCE_PERIOD = Duration.ofSeconds(1);
    private static final Duration MAX_SHUTDOWN_WAIT = Duration.ofSeconds(2);
    /**
     * How long a stream whose sink {@linkplain SseSink#needsDisconnectProbe() needs probing} may stay
     * quiet before it gets a comment. A client that left with a reset fails that write; one that
     * left with a FIN fails the next (its reset answers the first): about a second at most.
     */
    private static final Duration MAX_DISCONNECT_PROBE_TICK = Duration.ofMillis(100);
    /**
     * Probes written per second at most, each a write and a flush: about as costly as delivering an
     * event. Up to this many divided by the probes per interval, every quiet stream is probed each
     * interval; with more quiet streams, each is probed in turn, less often (10,000 quiet servlet
     * streams: each every 2 s at the defaults), so the probes' cost stays bounded.
     */
    static final int MAX_DISCONNECT_PROBES_PER_SECOND = 5_000;

    private final SseSettings settings;
    private final SseBroker broker;
    private final boolean ownsBroker;
    private final ExecutorService drainExecutor;
    private final boolean ownsDrainExecutor;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final LongSupplier nanoClock;
    private final List<SseHubListener> listeners;
    private final long writeTimeoutNanos;
    private final long idleTimeoutNanos;
    private final long heartbeatNanos;
    private final Outgoing heartbeatFrame;
    private final Outgoing probeFrame = Outgoing.control(SseEncoder.encode(SseMessage.comment("")), 0);

    private final ConcurrentHashMap<String, Channel> channels = new ConcurrentHashMap<>();
    /** The patterns multiplexed streams subscribed to, each with its streams; consulted for every event. */
    private final ConcurrentHashMap<String, Channel> patterns = new ConcurrentHashMap<>();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger reservedConnections = new AtomicInteger();
    private final StreamPlaces placesPerUser;
    private final StreamPlaces placesPerAddress;
    private final AtomicLong subscriptionIds = new AtomicLong();
    private final AtomicBoolean shutdown = new AtomicBoolean();
    private final ScheduledFuture<?> maintenance;
    private final long disconnectProbeNanos;
    private final int disconnectProbesPerTick;
    private final @Nullable ScheduledFuture<?> disconnectProbes;
    /** Where the last probe round stopped, so that a round cut short by the budget resumes there; probe task only. */
    private @Nullable Iterator<Connection> probeCursor;

    private SseHub(Builder builder) {
        this.settings = builder.settings;
        this.nanoClock = builder.nanoClock;
        this.ownsBroker = builder.broker == null;
        this.broker = ownsBroker
                ? new InMemorySseBroker(settings.replaySize(), settings.replayTtl(), settings.replayMaxBytes(),
                        settings.replayMaxTotalBytes(), nanoClock)
                : builder.broker;
        this.ownsDrainExecutor = builder.drainExecutor == null;
        this.drainExecutor = ownsDrainExecutor ? DrainExecutors.create() : builder.drainExecutor;
        this.ownsScheduler = builder.scheduler == null;
        this.scheduler = ownsScheduler
                ? Executors.newSingleThreadScheduledExecutor(DrainExecutors.daemonThreads("sse-maintenance-"))
                : builder.scheduler;
        this.listeners = List.copyOf(builder.listeners);
        this.placesPerUser = new StreamPlaces(settings.maxConnectionsPerUser(), "User");
        this.placesPerAddress = new StreamPlaces(settings.maxConnectionsPerAddress(), "Address");
        this.writeTimeoutNanos = settings.writeTimeout().toNanos();
        this.idleTimeoutNanos = settings.idleTimeout().toNanos();
        this.heartbeatNanos = settings.heartbeat().toNanos();
        SseMessage heartbeat = settings.heartbeatEvent() == null
                ? SseMessage.comment("")
                : SseMessage.builder().event(settings.heartbeatEvent()).data("").build();
        this.heartbeatFrame = Outgoing.control(SseEncoder.encode(heartbeat), 0);
        this.broker.start(new SseBroker.Delivery() {
            @Override
            public void deliver(String channel, SseMessage message, long position) {
                SseHub.this.deliver(channel, message, position);
            }

            @Override
            public void historyLost(String channel) {
                endStreamsAfterLostHistory(channel);
            }
        });
        long periodMillis = maintenancePeriod(settings).toMillis();
        this.maintenance = scheduler.scheduleAtFixedRate(this::runMaintenance, periodMillis, periodMillis,
                TimeUnit.MILLISECONDS);
        this.disconnectProbeNanos = settings.disconnectProbe().toNanos();
        long probeTickMillis = disconnectProbeTickMillis(settings);
        this.disconnectProbesPerTick = (int) Math.max(1, MAX_DISCONNECT_PROBES_PER_SECOND * probeTickMillis / 1000);
        this.disconnectProbes = settings.disconnectProbe().isZero() ? null
                : scheduler.scheduleAtFixedRate(this::probeQuietStreams, probeTickMillis, probeTickMillis,
                        TimeUnit.MILLISECONDS);
    }

    /** A quarter of the probe interval at most, so a probe is at most a quarter late. */
    private static long disconnectProbeTickMillis(SseSettings settings) {
        Duration quarter = settings.disconnectProbe().dividedBy(4);
        return Math.max(1, Math.min(MAX_DISCONNECT_PROBE_TICK.toMillis(), quarter.toMillis()));
    }

    /** A hub with the given settings, the in-memory broker and its own executors. */
    public static SseHub create(SseSettings settings) {
        return builder().settings(settings).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Checks often enough that a timeout or heartbeat is at most a quarter late. */
    static Duration maintenancePeriod(SseSettings settings) {
        Duration shortest = settings.writeTimeout();
        for (Duration candidate : List.of(settings.idleTimeout(), settings.heartbeat())) {
            if (!candidate.isZero() && candidate.compareTo(shortest) < 0) {
                shortest = candidate;
            }
        }
        Duration quarter = shortest.dividedBy(4);
        if (quarter.compareTo(MIN_MAINTENANCE_PERIOD) < 0) {
            return MIN_MAINTENANCE_PERIOD;
        }
        return quarter.compareTo(MAX_MAINTENANCE_PERIOD) > 0 ? MAX_MAINTENANCE_PERIOD : quarter;
    }

    public SseSettings settings() {
        return settings;
    }

    public SseBroker broker() {
        return broker;
    }

    /**
     * Publishes a message to one channel, through the broker to every instance.
     *
     * @throws IllegalArgumentException for an invalid channel name
     * @throws EventTooLargeException when the message is larger than {@link SseSettings#maxEventSize()}
     * @throws IllegalStateException after {@link #shutdown()}
     * @throws dev.sseboot.core.broker.SseBrokerException when the broker cannot take the message
     */
    public PublishResult publish(String channel, SseMessage message) {
        ChannelNames.requireValid(channel);
        Objects.requireNonNull(message, "message must not be null");
        if (message.size() > settings.maxEventSize()) {
            throw new EventTooLargeException(message.size(), settings.maxEventSize());
        }
        requireRunning();
        SseMessage stored = broker.publish(channel, message);
        for (SseHubListener listener : listeners) {
            notify(listener, () -> listener.published(channel, stored));
        }
        return new PublishResult(stored.id(), subscriberCount(channel));
    }

    /**
     * Publishes the message to every channel that has subscribers on this instance, each channel
     * under its own id (go-sse's {@code SendMessage("", msg)}). With a broker shared by several
     * instances, channels that have streams only on other instances are not reached: pass the
     * fleet's channels ({@link dev.sseboot.core.presence.SsePresence#channels()}) to
     * {@link #broadcast(SseMessage, Collection)} for those.
     *
     * @return how many local streams it was handed to
     */
    public int broadcast(SseMessage message) {
        return broadcast(message, channels());
    }

    /**
     * Publishes the message to each of the channels, each under its own id, through the broker to
     * every instance.
     *
     * @return how many local streams it was handed to
     */
    public int broadcast(SseMessage message, Collection<String> channels) {
        Objects.requireNonNull(message, "message must not be null");
        requireRunning();
        int streams = 0;
        for (String channel : channels) {
            streams += publish(channel, message).localStreams();
        }
        return streams;
    }

    /** Subscribes an anonymous client. */
    public Subscription subscribe(String channel, SseSink sink, @Nullable String lastEventId) {
        return subscribe(channel, sink, lastEventId, null);
    }

    /**
     * Subscribes a client. The stream opens with the retry interval; with a {@code lastEventId} it
     * then replays every newer event (or sends the gap event when they cannot all be replayed)
     * before it goes live, with no gap and no duplicate at the seam. Without one it names the
     * channel's position ({@link SseBroker#head}) in an id-only block, which sets the client's last
     * event id without dispatching an event, so a client that reconnects before its first event
     * resumes from there; with {@link SseSettings#replayOnConnect()} {@code LATEST} for this channel
     * it gets the channel's newest event instead (when it has one), once, and then what is
     * published afterwards.
     *
     * @param lastEventId the client's Last-Event-ID, or {@code null} (or empty) for a fresh stream
     * @param user the user the stream belongs to (caps, presence), or {@code null}
     * @throws IllegalArgumentException for an invalid channel name or an over-long Last-Event-ID
     * @throws SseRejectedException when a connection cap is reached
     * @throws IllegalStateException after {@link #shutdown()}
     */
    public Subscription subscribe(String channel, SseSink sink, @Nullable String lastEventId, @Nullable String user) {
        ChannelNames.requireValid(channel);
        Objects.requireNonNull(sink, "sink must not be null");
        if (lastEventId != null && lastEventId.length() > SseSettings.MAX_LAST_EVENT_ID_LENGTH) {
            throw new IllegalArgumentException("Last-Event-ID is longer than "
                    + SseSettings.MAX_LAST_EVENT_ID_LENGTH + " characters");
        }
        requireRunning();
        Connection connection = open(sink, user,
                now -> new Connection(this, subscriptionIds.incrementAndGet(), channel, user, sink, now));
        String resumeFrom = lastEventId == null || lastEventId.isEmpty() ? null : lastEventId;
        boolean fresh = resumeFrom == null;
        openSingle(connection, start(channel, resumeFrom, fresh && settings.replaysLatestOnConnect(channel)), fresh);
        return abortedOnShutdown(connection);
    }

    /**
     * Subscribes a client to several channels and patterns ({@link ChannelPatterns}) on one stream.
     * Each event arrives as published (data, event name, retry), once however many entries cover
     * its channel, with a composite id ({@link CompositeEventId}) instead of the broker's: the
     * channel it came from and the client's position on every entry. The stream opens with the
     * retry interval, then an id-only block naming every channel's start position, then each
     * channel's replay (or its gap event, or with {@link SseSettings#replayOnConnect()} its newest
     * event), and goes live; each channel has its own seam between its replay and the live feed,
     * with no gap and no duplicate. Patterns are live only: the channels they cover are open-ended,
     * so a resumed stream gets a gap event for each pattern (source the pattern, empty data).
     *
     * <p>The stream counts as one stream for every cap. Its {@link Subscription#channel()} is its
     * first entry.
     *
     * @param entries channel names and patterns, in the order the composite id lists their
     *     positions; one to {@link SseSettings#maxChannelsPerStream()} of them, no two alike
     * @param lastEventId the client's composite Last-Event-ID, or {@code null} (or empty) for a fresh stream
     * @param user the user the stream belongs to (caps, presence), or {@code null}
     * @throws IllegalArgumentException for an invalid channel name or pattern, a duplicate entry, more
     *     entries than allowed, or a Last-Event-ID that is no composite id of this many entries or is
     *     longer than {@link CompositeEventId#maxLength(int)}
     * @throws SseRejectedException when a connection cap is reached
     * @throws IllegalStateException after {@link #shutdown()}
     */
    public Subscription subscribe(List<String> entries, SseSink sink, @Nullable String lastEventId,
            @Nullable String user) {
        List<String> checked = ChannelPatterns.requireValidEntries(entries, settings.maxChannelsPerStream());
        Objects.requireNonNull(sink, "sink must not be null");
        List<String> resumeFrom = lastEventId == null || lastEventId.isEmpty()
                ? null : CompositeEventId.parse(lastEventId, checked.size()).positions();
        requireRunning();
        Multiplex multiplex = new Multiplex(checked);
        Connection connection = open(sink, user,
                now -> new Connection(this, subscriptionIds.incrementAndGet(), multiplex, user, sink, now));
        openMultiplexed(connection, multiplex, resumeFrom);
        return abortedOnShutdown(connection);
    }

    /**
     * Takes the stream's places under the caps, queues its retry and joins every channel and pattern
     * it names, telling the broker of each one it opens. From the join on, live events queue up
     * behind the opening.
     */
    private Connection open(SseSink sink, @Nullable String user, LongFunction<Connection> make) {
        reserve(user, sink.remoteAddress());
        long now = nanoClock.getAsLong();
        Connection connection = make.apply(now);
        connection.enqueueFirst(Outgoing.control(SseEncoder.encode(
                SseMessage.builder().retry(settings.retry()).build()), now));
        connections.add(connection);
        for (String entry : connection.channels()) {
            join(connection, entry);
        }
        announceSubscribed(connection);
        return connection;
    }

    private void join(Connection connection, String entry) {
        boolean pattern = ChannelPatterns.isPattern(entry);
        boolean[] created = new boolean[1];
        Channel joined = (pattern ? patterns : channels).compute(entry, (name, existing) -> {
            Channel target = existing;
            if (target == null) {
                target = new Channel();
                created[0] = true;
            }
            target.add(connection);
            return target;
        });
        if (created[0]) {
            try {
                if (pattern) {
                    broker.patternOpened(entry);
                } else {
                    broker.channelOpened(entry);
                }
            } catch (RuntimeException e) {
                joined.openRefused();
                connection.abort(CloseReason.SERVER_CLOSED);
                throw e;
            }
        }
    }

    private Connection abortedOnShutdown(Connection connection) {
        if (shutdown.get()) {
            connection.abort(CloseReason.SHUTDOWN);
        }
        return connection;
    }

    /**
     * How one channel of a stream starts, read after the stream joined it: so every live event is
     * either covered by the read (and dropped from the live queue) or newer and delivered, with no
     * gap and no duplicate at the seam.
     *
     * @param position where the client stands before the opening's events, or {@code null} when
     *     unknown (the broker could not be asked)
     * @param events what the opening sends of the channel, oldest first
     * @param gap the client's position that cannot be replayed, or {@code null}; the stream then
     *     starts with the gap event carrying it
     * @param gapHead where the gap event leaves the client
     * @param coveredThrough live events at or before this delivery position are part of the opening
     *     ({@code -1}: none)
     */
    private record ChannelStart(@Nullable String position, List<SseMessage> events, @Nullable String gap,
            @Nullable String gapHead, long coveredThrough) {
    }

    /**
     * Reads where a channel of a stream starts.
     *
     * @param resumeFrom the client's position, or {@code null} for a stream that starts at the head
     * @param latest whether a stream that starts at the head gets the channel's newest event first
     */
    private ChannelStart start(String channel, @Nullable String resumeFrom, boolean latest) {
        if (resumeFrom != null) {
            Replay replay = replay(channel, resumeFrom);
            return replay.gap()
                    ? new ChannelStart(resumeFrom, List.of(), resumeFrom, replay.latestId(), replay.position())
                    : new ChannelStart(resumeFrom, replay.events(), null, null, replay.position());
        }
        SseMessage newest = latest ? newest(channel) : null;
        if (newest != null) {
            // The newest event as the read finds it, and whatever came after it before the replay read.
            Replay after = replay(channel, newest.id());
            if (!after.gap()) {
                List<SseMessage> events = new ArrayList<>(1 + after.events().size());
                events.add(newest);
                events.addAll(after.events());
                return new ChannelStart(newest.id(), events, null, null, after.position());
            }
            // It left the history between the two reads; the stream starts at the head instead.
        }
        // What is delivered since the join is the client's (a listener's welcome, an event that
        // raced the read) and goes out after the head, each event with its own id.
        return new ChannelStart(head(channel).latestId(), List.of(), null, null, -1);
    }

    /**
     * Opens a single-channel stream with the wire it always had: the broker's ids as they are, and a
     * fresh stream that has no event to start with names its position in an id-only block.
     */
    private void openSingle(Connection connection, ChannelStart start, boolean fresh) {
        long now = nanoClock.getAsLong();
        List<Outgoing> frames = new ArrayList<>(start.events().size() + 1);
        if (start.gap() != null) {
            SseMessage gap = gapEvent(start.gap()).id(start.gapHead() == null ? "" : start.gapHead()).build();
            frames.add(Outgoing.control(SseEncoder.encode(gap), now));
        } else if (fresh && start.events().isEmpty() && start.position() != null) {
            frames.add(Outgoing.control(SseEncoder.encode(SseMessage.builder().id(start.position()).build()), now));
        }
        for (SseMessage event : start.events()) {
            frames.add(Outgoing.event(SseEncoder.encode(event), -1, now));
        }
        connection.finishReplay(start.coveredThrough(), frames);
    }

    /**
     * Opens a multiplexed stream: the opening block, then each entry's start in request order.
     *
     * @param resumeFrom the client's position per entry, or {@code null} for a fresh stream
     */
    private void openMultiplexed(Connection connection, Multiplex multiplex, @Nullable List<String> resumeFrom) {
        List<String> entries = multiplex.entries();
        long[] coveredThrough = new long[entries.size()];
        Arrays.fill(coveredThrough, -1);
        String[] startPositions = new String[entries.size()];
        Arrays.fill(startPositions, "");
        long now = nanoClock.getAsLong();
        List<Outgoing> frames = new ArrayList<>();
        frames.add(Outgoing.sourcedControl(null, "", null, now));
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            if (multiplex.isPattern(i)) {
                if (resumeFrom != null) {
                    frames.add(Outgoing.sourcedControl(SseEncoder.encodeBody(gapEvent("").build()), entry, null, now));
                }
                continue;
            }
            String position = resumeFrom == null || resumeFrom.get(i).isEmpty() ? null : resumeFrom.get(i);
            ChannelStart start = start(entry, position,
                    resumeFrom == null && settings.replaysLatestOnConnect(entry));
            startPositions[i] = start.position() == null ? "" : start.position();
            coveredThrough[i] = start.coveredThrough();
            if (start.gap() != null) {
                frames.add(Outgoing.sourcedControl(SseEncoder.encodeBody(gapEvent(start.gap()).build()), entry,
                        start.gapHead() == null ? "" : start.gapHead(), now));
            }
            for (SseMessage event : start.events()) {
                frames.add(Outgoing.sourcedEvent(SseEncoder.encodeBody(event), entry, event.id(), -1, now));
            }
        }
        connection.finishReplay(coveredThrough, startPositions, frames);
    }

    private SseMessage.Builder gapEvent(String data) {
        return SseMessage.builder().event(settings.gapEvent()).data(data);
    }

    /** The channel's newest event, or {@code null} when it has none or the broker could not be asked. */
    private @Nullable SseMessage newest(String channel) {
        try {
            List<SseMessage> newest = broker.history(channel, 1);
            return newest.isEmpty() ? null : newest.get(newest.size() - 1);
        } catch (RuntimeException e) {
            log.warn("Reading the newest event of channel '{}' failed; the stream starts at its head: {}",
                    channel, e.toString());
            return null;
        }
    }

    private Replay replay(String channel, String lastEventId) {
        try {
            return broker.replay(channel, lastEventId);
        } catch (RuntimeException e) {
            log.warn("Replay for channel '{}' after id '{}' failed; the stream starts with the gap event: {}",
                    channel, abbreviate(lastEventId), e.toString());
            return Replay.gap(null, -1);
        }
    }

    private Replay head(String channel) {
        try {
            return broker.head(channel);
        } catch (RuntimeException e) {
            // The stream can still serve live events; only a reconnect before its first one resumes live.
            log.warn("Reading where channel '{}' stands failed; the stream opens without a position: {}",
                    channel, e.toString());
            return Replay.of(List.of(), null, -1);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }

    /**
     * Called by the broker for every message of every channel, in id order per channel. The message
     * is encoded once per form a subscriber needs: whole for single-channel streams, without its id
     * for multiplexed ones (each appends its own). A multiplexed stream gets it through the first of
     * its entries that covers the channel, so once.
     */
    private void deliver(String channel, SseMessage message, long position) {
        Channel target = channels.get(channel);
        boolean anyPattern = !patterns.isEmpty();
        if (target == null && !anyPattern) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (target != null && !target.singles().isEmpty()) {
            Outgoing outgoing = Outgoing.event(SseEncoder.encode(message), position, now);
            for (Connection connection : target.singles()) {
                connection.offer(outgoing, now);
            }
        }
        if (anyPattern || (target != null && !target.multiplexed().isEmpty())) {
            Outgoing[] sourced = new Outgoing[1];
            forEachMultiplexedReceiver(channel, target, connection -> {
                if (sourced[0] == null) {
                    sourced[0] = Outgoing.sourcedEvent(SseEncoder.encodeBody(message), channel, message.id(),
                            position, now);
                }
                connection.offer(sourced[0], now);
            });
        }
    }

    /**
     * Calls back, once each, every multiplexed stream that gets the channel's events: through the
     * first of its entries that covers the channel, whether that is the channel itself or a pattern.
     *
     * @param target the channel's exact subscribers, or {@code null} when it has none
     */
    private void forEachMultiplexedReceiver(String channel, @Nullable Channel target, Consumer<Connection> receiver) {
        if (target != null) {
            for (Connection connection : target.multiplexed()) {
                if (connection.multiplex().receivesThrough(channel, channel)) {
                    receiver.accept(connection);
                }
            }
        }
        for (Map.Entry<String, Channel> pattern : patterns.entrySet()) {
            if (ChannelPatterns.matches(pattern.getKey(), channel)) {
                for (Connection connection : pattern.getValue().multiplexed()) {
                    if (connection.multiplex().receivesThrough(channel, pattern.getKey())) {
                        receiver.accept(connection);
                    }
                }
            }
        }
    }

    /**
     * The newest events of the channel's history, at most {@code limit}, oldest first: for a page
     * that shows a channel's current state, or a service that catches up.
     *
     * @throws IllegalArgumentException for an invalid channel name or a negative limit
     * @throws dev.sseboot.core.broker.SseBrokerException when the broker cannot read its history
     */
    public List<SseMessage> history(String channel, int limit) {
        ChannelNames.requireValid(channel);
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative but was " + limit);
        }
        return broker.history(channel, limit);
    }

    /**
     * Ends the channel's streams as a shutdown does, with the short retry, because the broker lost
     * events they had not yet received: their clients reconnect at once and get the gap event.
     * Ending them here, before the broker delivers anything newer, keeps any of them from moving
     * past the gap.
     */
    private void endStreamsAfterLostHistory(String channel) {
        Channel target = channels.get(channel);
        if (target == null) {
            return;
        }
        List<Connection> subscribers = List.copyOf(target.subscribers());
        log.warn("Events of channel '{}' left the broker's history before they reached this instance; ending its {}"
                + " streams so that their clients reconnect and get the gap event", channel, subscribers.size());
        Outgoing retry = shutdownRetryFrame();
        subscribers.forEach(connection -> connection.closeGracefully(CloseReason.HISTORY_LOST, retry));
    }

    private Outgoing shutdownRetryFrame() {
        return Outgoing.control(SseEncoder.encode(SseMessage.builder().retry(settings.shutdownRetry()).build()),
                nanoClock.getAsLong());
    }

    /** The channels that have subscribers on this instance, sorted. */
    public Set<String> channels() {
        return new TreeSet<>(channels.keySet());
    }

    public boolean hasChannel(@Nullable String channel) {
        return channel != null && channels.containsKey(channel);
    }

    /** Streams on this instance that get the channel's events, directly or through a pattern. */
    public int subscriberCount(@Nullable String channel) {
        if (channel == null) {
            return 0;
        }
        Channel target = channels.get(channel);
        int[] count = {target == null ? 0 : target.singles().size()};
        forEachMultiplexedReceiver(channel, target, connection -> count[0]++);
        return count[0];
    }

    /** Streams open on this instance, all channels together. */
    public int clientCount() {
        return connections.size();
    }

    /** Frames queued per channel, summed over its subscribers, for diagnostics. */
    public Map<String, Integer> queuedFrames() {
        return queuedFrames(channels);
    }

    /**
     * The patterns that multiplexed streams on this instance subscribed to, sorted, each with how
     * many streams subscribed to it, for diagnostics.
     */
    public Map<String, Integer> patterns() {
        Map<String, Integer> streams = new TreeMap<>();
        patterns.forEach((pattern, subscribers) -> streams.put(pattern, subscribers.multiplexed().size()));
        return streams;
    }

    /** Frames queued per pattern, summed over the streams that subscribed to it, for diagnostics. */
    public Map<String, Integer> patternQueuedFrames() {
        return queuedFrames(patterns);
    }

    private static Map<String, Integer> queuedFrames(Map<String, Channel> subscribed) {
        Map<String, Integer> depths = new TreeMap<>();
        subscribed.forEach((name, channel) -> depths.put(name,
                channel.subscribers().stream().mapToInt(Connection::queuedFrames).sum()));
        return depths;
    }

    /**
     * Ends every stream of the channel after what is queued is written. Clients reconnect on their
     * own and resume from their Last-Event-ID.
     *
     * @return how many streams were closed
     */
    public int closeChannel(@Nullable String channel) {
        Channel target = channel == null ? null : channels.get(channel);
        if (target == null) {
            return 0;
        }
        List<Connection> subscribers = target.subscribers();
        subscribers.forEach(connection -> connection.closeGracefully(CloseReason.CHANNEL_CLOSED, null));
        return subscribers.size();
    }

    /**
     * Stops the hub: publishes fail from now on, and every stream ends as in {@link #endAllStreams()}.
     * Idempotent.
     */
    public void shutdown() {
        if (!shutdown.compareAndSet(false, true)) {
            return;
        }
        endAllStreams();
        maintenance.cancel(false);
        if (disconnectProbes != null) {
            disconnectProbes.cancel(false);
        }
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
        if (ownsBroker) {
            broker.close();
        }
        if (ownsDrainExecutor) {
            drainExecutor.shutdown();
        }
    }

    /**
     * Ends every open stream: each gets the short shutdown retry and is completed once what is
     * queued is written; streams still busy after a short wait are cut. The hub keeps running, so
     * new streams may open afterwards (an application context that is stopped and started again).
     *
     * @return how many streams were open
     */
    public int endAllStreams() {
        Outgoing retry = shutdownRetryFrame();
        List<Connection> open = List.copyOf(connections);
        open.forEach(connection -> connection.closeGracefully(CloseReason.SHUTDOWN, retry));
        long deadline = System.nanoTime() + shutdownWait().toNanos();
        while (!connections.isEmpty() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List.copyOf(connections).forEach(connection -> connection.abort(CloseReason.SHUTDOWN));
        return open.size();
    }

    private Duration shutdownWait() {
        return settings.writeTimeout().compareTo(MAX_SHUTDOWN_WAIT) < 0 ? settings.writeTimeout() : MAX_SHUTDOWN_WAIT;
    }

    /** Same as {@link #shutdown()}. */
    @Override
    public void close() {
        shutdown();
    }

    public boolean isShutdown() {
        return shutdown.get();
    }

    private void requireRunning() {
        if (shutdown.get()) {
            throw new IllegalStateException("The SSE hub is shut down");
        }
    }

    private void reserve(@Nullable String user, @Nullable String address) {
        int max = settings.maxConnections();
        if (reservedConnections.incrementAndGet() > max && max > 0) {
            reservedConnections.decrementAndGet();
            throw new SseRejectedException("The server holds its maximum of " + max + " streams");
        }
        try {
            placesPerUser.take(user);
        } catch (SseRejectedException e) {
            reservedConnections.decrementAndGet();
            throw e;
        }
        try {
            placesPerAddress.take(address);
        } catch (SseRejectedException e) {
            placesPerUser.give(user);
            reservedConnections.decrementAndGet();
            throw e;
        }
    }

    private void release(@Nullable String user, @Nullable String address) {
        reservedConnections.decrementAndGet();
        placesPerUser.give(user);
        placesPerAddress.give(address);
    }

    /** Runs timeouts and heartbeats for every stream, then the broker's upkeep. */
    void runMaintenance() {
        try {
            long now = nanoClock.getAsLong();
            for (Connection connection : connections) {
                connection.maintain(now, heartbeatFrame);
            }
            broker.housekeeping();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; keep maintaining the other streams.
            log.error("SSE maintenance failed", e);
        }
    }

    /**
     * Writes a comment to the quiet streams whose transport learns of a closed connection only by
     * writing, at most {@link #disconnectProbesPerTick()} of them; the next run goes on from the
     * stream where this one stopped, so every stream gets its turn. A task of its own, beside the
     * maintenance, so its period stays short whatever the timeouts are.
     */
    void probeQuietStreams() {
        if (disconnectProbeNanos == 0) {
            return;
        }
        long now = nanoClock.getAsLong();
        int budget = disconnectProbesPerTick;
        int streams = connections.size();
        for (int looked = 0; looked < streams && budget > 0; looked++) {
            if (probeCursor == null || !probeCursor.hasNext()) {
                probeCursor = connections.iterator();
                if (!probeCursor.hasNext()) {
                    return;
                }
            }
            if (probeCursor.next().probeIfQuiet(now, probeFrame, disconnectProbeNanos)) {
                budget--;
            }
        }
    }

    void removed(Connection connection, CloseReason reason) {
        if (!connections.remove(connection)) {
            return;
        }
        for (String entry : connection.channels()) {
            leave(connection, entry);
        }
        release(connection.user(), connection.remoteAddress());
        if (connection.announcement().close(reason)) {
            announceClosed(connection, reason);
        }
    }

    private void leave(Connection connection, String entry) {
        boolean pattern = ChannelPatterns.isPattern(entry);
        boolean[] emptied = new boolean[1];
        (pattern ? patterns : channels).computeIfPresent(entry, (name, channel) -> {
            channel.remove(connection);
            emptied[0] = channel.isEmpty() && channel.wasOpened();
            return channel.isEmpty() ? null : channel;
        });
        if (emptied[0]) {
            if (pattern) {
                broker.patternClosed(entry);
            } else {
                broker.channelClosed(entry);
            }
        }
    }

    /**
     * Tells the listeners of a new stream, unless it closed already (then they never hear of it);
     * a close that came while they were being told is reported right after.
     */
    private void announceSubscribed(Connection connection) {
        if (!connection.announcement().begin()) {
            return;
        }
        for (SseHubListener listener : listeners) {
            notify(listener, () -> listener.subscribed(connection));
        }
        CloseReason closedMeanwhile = connection.announcement().end();
        if (closedMeanwhile != null) {
            announceClosed(connection, closedMeanwhile);
        }
    }

    private void announceClosed(Connection connection, CloseReason reason) {
        for (SseHubListener listener : listeners) {
            notify(listener, () -> listener.closed(connection, reason));
        }
    }

    void dropped(Connection connection, DropReason reason) {
        for (SseHubListener listener : listeners) {
            notify(listener, () -> listener.dropped(connection, reason));
        }
    }

    void delivered(Connection connection, int messages, long latencyNanos) {
        for (SseHubListener listener : listeners) {
            notify(listener, () -> listener.delivered(connection, messages, latencyNanos));
        }
    }

    private static void notify(SseHubListener listener, Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            log.warn("SSE hub listener {} failed", listener, e);
        }
    }

    void startDrain(Connection connection) {
        try {
            drainExecutor.execute(connection.drainTask());
        } catch (RejectedExecutionException e) {
            log.debug("Drain executor stopped; closing {}", connection);
            connection.abort(CloseReason.SHUTDOWN);
        }
    }

    /**
     * A write outlived the write timeout: it keeps its thread until the transport gives up. The
     * hub's own platform pool gets one more thread meanwhile, so stuck clients never use up the
     * threads that healthy clients' writes need (virtual threads need no stand-in).
     */
    void writeStuck() {
        if (ownsDrainExecutor) {
            DrainExecutors.resize(drainExecutor, 1);
        }
    }

    /** A write counted by {@link #writeStuck()} returned: the pool gives its stand-in back. */
    void stuckWriteReturned() {
        if (ownsDrainExecutor) {
            DrainExecutors.resize(drainExecutor, -1);
        }
    }

    void closeSinkAsync(Connection connection) {
        try {
            drainExecutor.execute(connection::closeSink);
        } catch (RejectedExecutionException e) {
            connection.closeSink();
        }
    }

    long nanoTime() {
        return nanoClock.getAsLong();
    }

    /** How many streams one run of {@link #probeQuietStreams()} probes at most. */
    int disconnectProbesPerTick() {
        return disconnectProbesPerTick;
    }

    long writeTimeoutNanos() {
        return writeTimeoutNanos;
    }

    long idleTimeoutNanos() {
        return idleTimeoutNanos;
    }

    long heartbeatNanos() {
        return heartbeatNanos;
    }

    /** Builds an {@link SseHub}; only the settings are needed, everything else has a default. */
    public static final class Builder {
        private SseSettings settings = SseSettings.defaults();
        private @Nullable SseBroker broker;
        private @Nullable ExecutorService drainExecutor;
        private @Nullable ScheduledExecutorService scheduler;
        private LongSupplier nanoClock = System::nanoTime;
        private final List<SseHubListener> listeners = new ArrayList<>();

        private Builder() {
        }

        public Builder settings(SseSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** The broker; by default an {@link InMemorySseBroker} that the hub owns and closes. */
        public Builder broker(@Nullable SseBroker broker) {
            this.broker = broker;
            return this;
        }

        /** Where writes run; by default virtual threads on JDK 21+, a bounded pool before. Not shut down by the hub. */
        public Builder drainExecutor(@Nullable ExecutorService drainExecutor) {
            this.drainExecutor = drainExecutor;
            return this;
        }

        /** Runs timeouts and heartbeats; by default one daemon thread of the hub's own. Not shut down by the hub. */
        public Builder scheduler(@Nullable ScheduledExecutorService scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /** The time source for timeouts, heartbeats and latency (tests pass a fake one). */
        public Builder nanoClock(LongSupplier nanoClock) {
            this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
            return this;
        }

        public Builder listener(SseHubListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public SseHub build() {
            return new SseHub(this);
        }
    }
}
