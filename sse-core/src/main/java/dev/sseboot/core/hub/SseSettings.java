package dev.sseboot.core.hub;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How the hub treats every stream. Immutable; build with {@link #builder()}. Every value is checked
 * at construction, so a hub never starts with a setting that would make each write fail or each
 * stream close at once (a fault of the Go originals when a field was left out).
 *
 * <p>Defaults: retry 3 s, write timeout 5 s, close on timeout, no idle timeout, heartbeat 15 s as a
 * comment, queue of 256 frames, {@link SlowConsumerPolicy#DISCONNECT}, replay of 1,000 events for
 * 5 minutes, gap event {@code sse-gap}, no connection caps, no gzip, shutdown retry 1 s, at most
 * 32 channels per multiplexed stream, nothing replayed to fresh streams.
 *
 * <p>Memory bounds in bytes: an event may carry at most 64 KB, and replay history keeps at most
 * 8 MB per channel and 64 MB across all channels (sizes are UTF-8 bytes, see
 * {@link dev.sseboot.core.wire.SseMessage#size()}). A 256 MB heap then keeps three quarters for the
 * application and its streams however big or many the published events are.
 */
public final class SseSettings {

    /** The longest {@code Last-Event-ID} the hub accepts; longer ones are rejected, not searched. */
    public static final int MAX_LAST_EVENT_ID_LENGTH = 1024;

    private final Duration retry;
    private final Duration writeTimeout;
    private final boolean closeOnTimeout;
    private final Duration idleTimeout;
    private final Duration heartbeat;
    private final @Nullable String heartbeatEvent;
    private final Duration disconnectProbe;
    private final int queueCapacity;
    private final SlowConsumerPolicy slowConsumerPolicy;
    private final int replaySize;
    private final Duration replayTtl;
    private final String gapEvent;
    private final int maxConnections;
    private final int maxConnectionsPerUser;
    private final int maxConnectionsPerAddress;
    private final boolean gzip;
    private final Map<String, String> headers;
    private final Duration shutdownRetry;
    private final int maxEventSize;
    private final long replayMaxBytes;
    private final long replayMaxTotalBytes;
    private final int maxChannelsPerStream;
    private final ReplayOnConnect replayOnConnect;
    private final Set<String> replayOnConnectChannels;

    private SseSettings(Builder b) {
        this.retry = notNegative("retry", b.retry);
        this.writeTimeout = positive("writeTimeout", b.writeTimeout);
        this.closeOnTimeout = b.closeOnTimeout;
        this.idleTimeout = notNegative("idleTimeout", b.idleTimeout);
        this.heartbeat = notNegative("heartbeat", b.heartbeat);
        this.heartbeatEvent = optionalName("heartbeatEvent", b.heartbeatEvent);
        this.disconnectProbe = notNegative("disconnectProbe", b.disconnectProbe);
        if (b.queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be at least 1 but was " + b.queueCapacity);
        }
        this.queueCapacity = b.queueCapacity;
        this.slowConsumerPolicy = Objects.requireNonNull(b.slowConsumerPolicy, "slowConsumerPolicy must not be null");
        if (b.replaySize < 0) {
            throw new IllegalArgumentException("replaySize must not be negative but was " + b.replaySize);
        }
        this.replaySize = b.replaySize;
        this.replayTtl = positive("replayTtl", b.replayTtl);
        this.gapEvent = Objects.requireNonNull(optionalName("gapEvent", b.gapEvent), "gapEvent must not be null");
        this.maxConnections = notNegative("maxConnections", b.maxConnections);
        this.maxConnectionsPerUser = notNegative("maxConnectionsPerUser", b.maxConnectionsPerUser);
        this.maxConnectionsPerAddress = notNegative("maxConnectionsPerAddress", b.maxConnectionsPerAddress);
        this.gzip = b.gzip;
        this.headers = checkHeaders(b.headers);
        this.shutdownRetry = notNegative("shutdownRetry", b.shutdownRetry);
        this.maxEventSize = (int) positive("maxEventSize", b.maxEventSize);
        this.replayMaxBytes = positive("replayMaxBytes", b.replayMaxBytes);
        this.replayMaxTotalBytes = positive("replayMaxTotalBytes", b.replayMaxTotalBytes);
        this.maxChannelsPerStream = (int) positive("maxChannelsPerStream", b.maxChannelsPerStream);
        this.replayOnConnect = Objects.requireNonNull(b.replayOnConnect, "replayOnConnect must not be null");
        this.replayOnConnectChannels = channelsOrPatterns("replayOnConnectChannels", b.replayOnConnectChannels);
    }

    private static Set<String> channelsOrPatterns(String name, Collection<String> entries) {
        Set<String> checked = new LinkedHashSet<>();
        for (String entry : entries) {
            try {
                checked.add(ChannelPatterns.isPattern(entry)
                        ? ChannelPatterns.requireValid(entry) : ChannelNames.requireValid(entry));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + " must hold channel names and patterns: " + e.getMessage(), e);
            }
        }
        return Collections.unmodifiableSet(checked);
    }

    private static long positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive but was " + value);
        }
        return value;
    }

    private static Duration notNegative(String name, Duration value) {
        Objects.requireNonNull(value, name + " must not be null");
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative but was " + value);
        }
        return value;
    }

    private static Duration positive(String name, Duration value) {
        if (notNegative(name, value).isZero()) {
            throw new IllegalArgumentException(name + " must be positive but was " + value);
        }
        return value;
    }

    private static int notNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative but was " + value + " (0 means no limit)");
        }
        return value;
    }

    private static @Nullable String optionalName(String name, @Nullable String value) {
        if (value != null && (value.isEmpty() || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0)) {
            throw new IllegalArgumentException(name + " must be a non-empty single line but was '" + value + "'");
        }
        return value;
    }

    private static Map<String, String> checkHeaders(Map<String, String> headers) {
        headers.forEach((name, value) -> {
            if (name == null || name.isBlank() || value == null || containsLineBreak(name) || containsLineBreak(value)) {
                throw new IllegalArgumentException("headers must have non-blank names and single-line values: "
                        + name + "=" + value);
            }
        });
        return Map.copyOf(headers);
    }

    private static boolean containsLineBreak(String text) {
        return text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0;
    }

    public static SseSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Reconnection delay sent to every client when its stream opens (go-sse's {@code RetryInterval}). */
    public Duration retry() {
        return retry;
    }

    /** How long one write to one client may take (eventsource's {@code Timeout}). */
    public Duration writeTimeout() {
        return writeTimeout;
    }

    /**
     * On a write timeout: {@code true} closes that client; {@code false} keeps it and skips every
     * frame published while the write stays stuck, counting each as dropped. A stuck write is never
     * cut in the middle, so the framing of the next event can never be corrupted.
     */
    public boolean closeOnTimeout() {
        return closeOnTimeout;
    }

    /** Close a stream that had no event for this long; zero means never. Heartbeats do not count. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Interval of keep-alive frames on streams that sent nothing within it; zero turns them off. */
    public Duration heartbeat() {
        return heartbeat;
    }

    /** When set, heartbeats are events of this name (with empty data) instead of comments. */
    public @Nullable String heartbeatEvent() {
        return heartbeatEvent;
    }

    /**
     * How long a stream whose transport cannot report a lost client by itself
     * ({@link SseSink#needsDisconnectProbe()}, a servlet container) may stay quiet before the hub
     * writes it a one-line comment, so a closed connection is found; zero turns the probe off (a
     * closed connection is then found at the next event or heartbeat). The hub writes at most 5,000
     * probes a second, taking the quiet streams in turn.
     */
    public Duration disconnectProbe() {
        return disconnectProbe;
    }

    /** Frames that may wait for one client before the slow-consumer policy applies. */
    public int queueCapacity() {
        return queueCapacity;
    }

    public SlowConsumerPolicy slowConsumerPolicy() {
        return slowConsumerPolicy;
    }

    /** Events each channel keeps for Last-Event-ID replay; zero turns replay off. */
    public int replaySize() {
        return replaySize;
    }

    /** How long a channel keeps an event for replay, also after its last client left. */
    public Duration replayTtl() {
        return replayTtl;
    }

    /** Name of the event that opens a stream whose Last-Event-ID cannot be replayed. */
    public String gapEvent() {
        return gapEvent;
    }

    /** Streams the hub accepts at once; zero means no limit. */
    public int maxConnections() {
        return maxConnections;
    }

    /** Streams one user may hold at once; zero means no limit. */
    public int maxConnectionsPerUser() {
        return maxConnectionsPerUser;
    }

    /**
     * Streams one remote address ({@link SseSink#remoteAddress()}) may hold at once; zero means no
     * limit. Streams whose sink reports no address are not counted.
     */
    public int maxConnectionsPerAddress() {
        return maxConnectionsPerAddress;
    }

    /** Compress streams for clients that accept gzip (applied by the transport). */
    public boolean gzip() {
        return gzip;
    }

    /** Extra response headers for every stream (go-sse's {@code Headers}; applied by the transport). */
    public Map<String, String> headers() {
        return headers;
    }

    /** The short retry sent to every stream on shutdown, so clients come back soon (elsewhere). */
    public Duration shutdownRetry() {
        return shutdownRetry;
    }

    /**
     * The largest event a publish accepts, in UTF-8 bytes ({@link dev.sseboot.core.wire.SseMessage#size()});
     * a larger one is refused with {@link EventTooLargeException} before anything is stored.
     */
    public int maxEventSize() {
        return maxEventSize;
    }

    /** Bytes of replay history one channel keeps at most; the oldest events leave first. */
    public long replayMaxBytes() {
        return replayMaxBytes;
    }

    /** Bytes of replay history all channels together keep at most; the oldest events of any channel leave first. */
    public long replayMaxTotalBytes() {
        return replayMaxTotalBytes;
    }

    /**
     * The most entries (channels and patterns) one multiplexed stream may subscribe to; a subscribe
     * with more is refused with {@link IllegalArgumentException}. Also bounds the composite
     * Last-Event-ID such a stream accepts ({@link CompositeEventId#maxLength(int)}).
     */
    public int maxChannelsPerStream() {
        return maxChannelsPerStream;
    }

    /** What a fresh stream gets of the history of its channels ({@link #replayOnConnectChannels()}) before it goes live. */
    public ReplayOnConnect replayOnConnect() {
        return replayOnConnect;
    }

    /**
     * The channel names and patterns ({@link ChannelPatterns}) {@link #replayOnConnect()} applies to;
     * empty for every channel. A stream's pattern entries never get history: the channels they
     * cover are open-ended.
     */
    public Set<String> replayOnConnectChannels() {
        return replayOnConnectChannels;
    }

    /** Whether a fresh stream gets the newest event of this channel before it goes live. */
    boolean replaysLatestOnConnect(String channel) {
        if (replayOnConnect != ReplayOnConnect.LATEST) {
            return false;
        }
        if (replayOnConnectChannels.isEmpty() || replayOnConnectChannels.contains(channel)) {
            return true;
        }
        for (String entry : replayOnConnectChannels) {
            if (ChannelPatterns.isPattern(entry) && ChannelPatterns.matches(entry, channel)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "SseSettings[retry=" + retry + ", writeTimeout=" + writeTimeout + ", closeOnTimeout=" + closeOnTimeout
                + ", idleTimeout=" + idleTimeout + ", heartbeat=" + heartbeat + ", heartbeatEvent=" + heartbeatEvent
                + ", disconnectProbe=" + disconnectProbe
                + ", queueCapacity=" + queueCapacity + ", slowConsumerPolicy=" + slowConsumerPolicy
                + ", replaySize=" + replaySize + ", replayTtl=" + replayTtl + ", gapEvent=" + gapEvent
                + ", maxConnections=" + maxConnections + ", maxConnectionsPerUser=" + maxConnectionsPerUser
                + ", maxConnectionsPerAddress=" + maxConnectionsPerAddress
                + ", gzip=" + gzip + ", headers=" + headers + ", shutdownRetry=" + shutdownRetry
                + ", maxEventSize=" + maxEventSize + ", replayMaxBytes=" + replayMaxBytes
                + ", replayMaxTotalBytes=" + replayMaxTotalBytes + ", maxChannelsPerStream=" + maxChannelsPerStream
                + ", replayOnConnect=" + replayOnConnect + ", replayOnConnectChannels=" + replayOnConnectChannels + "]";
    }

    /** Builds {@link SseSettings}; starts from the defaults. */
    public static final class Builder {
        private Duration retry = Duration.ofSeconds(3);
        private Duration writeTimeout = Duration.ofSeconds(5);
        private boolean closeOnTimeout = true;
        private Duration idleTimeout = Duration.ZERO;
        private Duration heartbeat = Duration.ofSeconds(15);
        private @Nullable String heartbeatEvent;
        private Duration disconnectProbe = Duration.ofMillis(400);
        private int queueCapacity = 256;
        private SlowConsumerPolicy slowConsumerPolicy = SlowConsumerPolicy.DISCONNECT;
        private int replaySize = 1000;
        private Duration replayTtl = Duration.ofMinutes(5);
        private String gapEvent = "sse-gap";
        private int maxConnections;
        private int maxConnectionsPerUser;
        private int maxConnectionsPerAddress;
        private boolean gzip;
        private Map<String, String> headers = new LinkedHashMap<>();
        private Duration shutdownRetry = Duration.ofSeconds(1);
        private int maxEventSize = 64 * 1024;
        private long replayMaxBytes = 8 * 1024 * 1024;
        private long replayMaxTotalBytes = 64 * 1024 * 1024;
        private int maxChannelsPerStream = 32;
        private ReplayOnConnect replayOnConnect = ReplayOnConnect.NONE;
        private Collection<String> replayOnConnectChannels = Set.of();

        private Builder() {
        }

        public Builder retry(Duration retry) {
            this.retry = retry;
            return this;
        }

        public Builder writeTimeout(Duration writeTimeout) {
            this.writeTimeout = writeTimeout;
            return this;
        }

        public Builder closeOnTimeout(boolean closeOnTimeout) {
            this.closeOnTimeout = closeOnTimeout;
            return this;
        }

        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        public Builder heartbeat(Duration heartbeat) {
            this.heartbeat = heartbeat;
            return this;
        }

        public Builder disconnectProbe(Duration disconnectProbe) {
            this.disconnectProbe = disconnectProbe;
            return this;
        }

        public Builder heartbeatEvent(@Nullable String heartbeatEvent) {
            this.heartbeatEvent = heartbeatEvent;
            return this;
        }

        public Builder queueCapacity(int queueCapacity) {
            this.queueCapacity = queueCapacity;
            return this;
        }

        public Builder slowConsumerPolicy(SlowConsumerPolicy slowConsumerPolicy) {
            this.slowConsumerPolicy = slowConsumerPolicy;
            return this;
        }

        public Builder replaySize(int replaySize) {
            this.replaySize = replaySize;
            return this;
        }

        public Builder replayTtl(Duration replayTtl) {
            this.replayTtl = replayTtl;
            return this;
        }

        public Builder gapEvent(String gapEvent) {
            this.gapEvent = gapEvent;
            return this;
        }

        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        public Builder maxConnectionsPerUser(int maxConnectionsPerUser) {
            this.maxConnectionsPerUser = maxConnectionsPerUser;
            return this;
        }

        public Builder maxConnectionsPerAddress(int maxConnectionsPerAddress) {
            this.maxConnectionsPerAddress = maxConnectionsPerAddress;
            return this;
        }

        public Builder gzip(boolean gzip) {
            this.gzip = gzip;
            return this;
        }

        public Builder headers(Map<String, String> headers) {
            this.headers = new LinkedHashMap<>(Objects.requireNonNull(headers, "headers must not be null"));
            return this;
        }

        public Builder header(String name, String value) {
            this.headers.put(name, value);
            return this;
        }

        public Builder shutdownRetry(Duration shutdownRetry) {
            this.shutdownRetry = shutdownRetry;
            return this;
        }

        /** The largest event a publish accepts, in UTF-8 bytes. */
        public Builder maxEventSize(int maxEventSize) {
            this.maxEventSize = maxEventSize;
            return this;
        }

        public Builder replayMaxBytes(long replayMaxBytes) {
            this.replayMaxBytes = replayMaxBytes;
            return this;
        }

        public Builder replayMaxTotalBytes(long replayMaxTotalBytes) {
            this.replayMaxTotalBytes = replayMaxTotalBytes;
            return this;
        }

        /** The most channels and patterns one multiplexed stream may subscribe to; at least 1. */
        public Builder maxChannelsPerStream(int maxChannelsPerStream) {
            this.maxChannelsPerStream = maxChannelsPerStream;
            return this;
        }

        public Builder replayOnConnect(ReplayOnConnect replayOnConnect) {
            this.replayOnConnect = replayOnConnect;
            return this;
        }

        /** Channel names and patterns that {@link #replayOnConnect} applies to; empty (the default) for all. */
        public Builder replayOnConnectChannels(Collection<String> replayOnConnectChannels) {
            this.replayOnConnectChannels = List.copyOf(
                    Objects.requireNonNull(replayOnConnectChannels, "replayOnConnectChannels must not be null"));
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid setting */
        public SseSettings build() {
            return new SseSettings(this);
        }
    }
}
