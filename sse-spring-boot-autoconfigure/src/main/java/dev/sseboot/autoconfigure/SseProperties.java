package dev.sseboot.autoconfigure;

import dev.sseboot.core.hub.ChannelNames;
import dev.sseboot.core.hub.ChannelPatterns;
import dev.sseboot.core.hub.ReplayOnConnect;
import dev.sseboot.core.hub.SlowConsumerPolicy;
import dev.sseboot.core.hub.SseSettings;
import dev.sseboot.web.StreamCors;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;
import org.springframework.web.cors.CorsConfiguration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Configuration of Server-Sent Events streams ({@code sse.*}). Every value is checked while it is
 * bound, so a bad one fails start-up with a failure analysis naming the property.
 */
@ConfigurationProperties("sse")
public class SseProperties {

    /** Whether to serve Server-Sent Events streams and provide SsePublisher. */
    private boolean enabled = true;

    /** Path prefix of the stream endpoint; a channel is served at {path}/{channel}. */
    private String path = "/events";

    /** Reconnection delay sent to every client when its stream opens. */
    private Duration retry = Duration.ofSeconds(3);

    /** How long one write to one client may take before the write-timeout policy applies. */
    private Duration writeTimeout = Duration.ofSeconds(5);

    /** On a write timeout, close that client (true) or skip events for it while it is stuck (false). */
    private boolean closeOnTimeout = true;

    /** Close a stream that had no event for this long; 0 means never. Heartbeats do not count. */
    private Duration idleTimeout = Duration.ZERO;

    /** Interval of keep-alive frames on otherwise quiet streams; 0 turns them off. */
    private Duration heartbeat = Duration.ofSeconds(15);

    /** Send heartbeats as events of this name (for pages with a watchdog) instead of comments. */
    private @Nullable String heartbeatEvent;

    /**
     * How long a stream on a servlet container may stay quiet before it gets a one-line comment,
     * which is how a servlet container learns that its client closed the connection (Reactor Netty
     * reports that itself and is never probed). A closed connection is released within about two
     * intervals. 0 turns the probe off: a closed connection is then found at the next event or
     * heartbeat. Costs every quiet stream one three-byte write per interval; at most 5,000 probes
     * are written a second, so with more than 2,000 quiet streams each is probed less often.
     */
    private Duration disconnectProbe = Duration.ofMillis(400);

    /** Frames that may wait for one client before the slow-consumer policy applies. */
    private int queueCapacity = 256;

    /** What to do with a client whose queue is full. */
    private SlowConsumerPolicy slowConsumerPolicy = SlowConsumerPolicy.DISCONNECT;

    /**
     * Streams this instance accepts at once (503 with Retry-After beyond); 0 means no limit. When
     * not set, as many as fit in half the maximum heap at the web server's measured cost per stream
     * (Tomcat 105 KB, with sse.tomcat.lean-connector 64 KB, Jetty 11 KB, Reactor Netty 16 KB), and
     * below the web server's own connection limit (server.tomcat.max-connections,
     * server.jetty.max-connections) less a tenth, at least 16, kept for other requests; the
     * number is logged at start-up.
     */
    private @Nullable Integer maxConnections;

    /** Streams one user may hold at once (503 with Retry-After beyond); 0 means no limit. */
    private int maxConnectionsPerUser;

    /**
     * Streams one remote address may hold at once (503 with Retry-After beyond); 0 means no limit.
     * Behind a proxy or load balancer that address is the proxy's, unless
     * {@code server.forward-headers-strategy} is set so that the client's address is taken from
     * the forwarded headers.
     */
    private int maxConnectionsPerAddress;

    /**
     * Channels and patterns one multiplexed stream may subscribe to at once; more are answered with
     * 400. Also bounds the Last-Event-ID such a stream accepts: 1,024 characters plus 64 per channel.
     */
    private int maxChannelsPerStream = 32;

    /** Compress streams for clients that accept gzip, flushing after every batch. */
    private boolean gzip;

    /** Extra response headers on every stream. */
    private Map<String, String> headers = new LinkedHashMap<>();

    /** Short retry sent to every stream on shutdown, so clients come back soon (elsewhere). */
    private Duration shutdownRetry = Duration.ofSeconds(1);

    /**
     * Largest event a publish accepts, counted as the UTF-8 bytes of its data, comment, event name
     * and id; a larger one is refused with EventTooLargeException before anything is stored.
     */
    private DataSize maxEventSize = DataSize.ofKilobytes(64);

    /** Channels under this prefix belong to one user ({prefix}{principal name}); only that user may read them. */
    private String userChannelPrefix = "user/";

    /** Which broker carries events between instances. */
    private Broker broker = Broker.MEMORY;

    private final Cors cors = new Cors();

    private final Replay replay = new Replay();

    private final Redis redis = new Redis();

    private final Presence presence = new Presence();

    private final Metrics metrics = new Metrics();

    private final Security security = new Security();

    private final Tokens tokens = new Tokens();

    private final ClientScript clientScript = new ClientScript();

    private final Tomcat tomcat = new Tomcat();

    /** The engine settings these properties describe, with no stream limit when sse.max-connections is not set. */
    public SseSettings toSettings() {
        return toSettings(maxConnections == null ? 0 : maxConnections);
    }

    /**
     * The engine settings these properties describe.
     *
     * @param maxConnections the streams to accept, from sse.max-connections or derived when it is not set
     */
    public SseSettings toSettings(int maxConnections) {
        return SseSettings.builder()
                .retry(retry)
                .writeTimeout(writeTimeout)
                .closeOnTimeout(closeOnTimeout)
                .idleTimeout(idleTimeout)
                .heartbeat(heartbeat)
                .heartbeatEvent(heartbeatEvent)
                .disconnectProbe(disconnectProbe)
                .queueCapacity(queueCapacity)
                .slowConsumerPolicy(slowConsumerPolicy)
                .replaySize(replay.size)
                .replayTtl(replay.ttl)
                .gapEvent(replay.gapEvent)
                .maxConnections(maxConnections)
                .maxConnectionsPerUser(maxConnectionsPerUser)
                .maxConnectionsPerAddress(maxConnectionsPerAddress)
                .gzip(gzip)
                .headers(headers)
                .shutdownRetry(shutdownRetry)
                .maxEventSize((int) maxEventSize.toBytes())
                .replayMaxBytes(replay.maxBytes.toBytes())
                .replayMaxTotalBytes(replay.maxTotalBytes.toBytes())
                .maxChannelsPerStream(maxChannelsPerStream)
                .replayOnConnect(replay.onConnect)
                .replayOnConnectChannels(replay.onConnectChannels)
                .build();
    }

    // Thrown while binding, so that Boot's failure analysis names the property, its value and where
    // that value came from.

    private static Map<String, String> singleLineValues(Map<String, String> headers) {
        headers.forEach((name, value) -> {
            if (value == null || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                throw new InvalidConfigurationPropertyValueException("sse.headers." + name, value,
                        "must be a single line");
            }
        });
        return headers;
    }

    private static Duration notNegative(String property, Duration value) {
        if (value == null || value.isNegative()) {
            throw new InvalidConfigurationPropertyValueException(property, value, "must be zero or positive");
        }
        return value;
    }

    private static Duration positive(String property, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidConfigurationPropertyValueException(property, value, "must be positive");
        }
        return value;
    }

    private static int notNegative(String property, int value) {
        if (value < 0) {
            throw new InvalidConfigurationPropertyValueException(property, value,
                    "must be zero (no limit) or positive");
        }
        return value;
    }

    private static DataSize positive(String property, DataSize value, long max) {
        if (value == null || value.toBytes() < 1 || value.toBytes() > max) {
            throw new InvalidConfigurationPropertyValueException(property, value,
                    "must be positive and at most " + max + " bytes");
        }
        return value;
    }

    private static List<String> channelsOrPatterns(String property, List<String> entries) {
        for (String entry : entries) {
            if (ChannelPatterns.isPattern(entry) ? !ChannelPatterns.isValid(entry) : !ChannelNames.isValid(entry)) {
                throw new InvalidConfigurationPropertyValueException(property, entry,
                        "must be a channel name or a pattern whose wildcards are whole segments");
            }
        }
        return entries;
    }

    private static String plainPath(String property, String value) {
        if (value == null || !value.startsWith("/") || value.endsWith("/") || value.contains("{") || value.contains("*")
                || value.contains("?") || value.contains("#")) {
            throw new InvalidConfigurationPropertyValueException(property, value,
                    "must start with '/', not end with '/' and hold no pattern, query or fragment");
        }
        return value;
    }

    private static @Nullable String singleLine(String property, @Nullable String value) {
        if (value != null && (value.isEmpty() || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0)) {
            throw new InvalidConfigurationPropertyValueException(property, value, "must be a non-empty single line");
        }
        return value;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = plainPath("sse.path", path);
    }

    public Duration getRetry() {
        return retry;
    }

    public void setRetry(Duration retry) {
        this.retry = notNegative("sse.retry", retry);
    }

    public Duration getWriteTimeout() {
        return writeTimeout;
    }

    public void setWriteTimeout(Duration writeTimeout) {
        this.writeTimeout = positive("sse.write-timeout", writeTimeout);
    }

    public boolean isCloseOnTimeout() {
        return closeOnTimeout;
    }

    public void setCloseOnTimeout(boolean closeOnTimeout) {
        this.closeOnTimeout = closeOnTimeout;
    }

    public Duration getIdleTimeout() {
        return idleTimeout;
    }

    public void setIdleTimeout(Duration idleTimeout) {
        this.idleTimeout = notNegative("sse.idle-timeout", idleTimeout);
    }

    public Duration getHeartbeat() {
        return heartbeat;
    }

    public void setHeartbeat(Duration heartbeat) {
        this.heartbeat = notNegative("sse.heartbeat", heartbeat);
    }

    public Duration getDisconnectProbe() {
        return disconnectProbe;
    }

    public void setDisconnectProbe(Duration disconnectProbe) {
        this.disconnectProbe = notNegative("sse.disconnect-probe", disconnectProbe);
    }

    public @Nullable String getHeartbeatEvent() {
        return heartbeatEvent;
    }

    public void setHeartbeatEvent(@Nullable String heartbeatEvent) {
        this.heartbeatEvent = singleLine("sse.heartbeat-event", heartbeatEvent);
    }

    public int getQueueCapacity() {
        return queueCapacity;
    }

    public void setQueueCapacity(int queueCapacity) {
        if (queueCapacity < 1) {
            throw new InvalidConfigurationPropertyValueException("sse.queue-capacity", queueCapacity,
                    "must be at least 1");
        }
        this.queueCapacity = queueCapacity;
    }

    public SlowConsumerPolicy getSlowConsumerPolicy() {
        return slowConsumerPolicy;
    }

    public void setSlowConsumerPolicy(SlowConsumerPolicy slowConsumerPolicy) {
        this.slowConsumerPolicy = slowConsumerPolicy;
    }

    public @Nullable Integer getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(@Nullable Integer maxConnections) {
        this.maxConnections = maxConnections == null ? null : notNegative("sse.max-connections", maxConnections);
    }

    public int getMaxConnectionsPerUser() {
        return maxConnectionsPerUser;
    }

    public void setMaxConnectionsPerUser(int maxConnectionsPerUser) {
        this.maxConnectionsPerUser = notNegative("sse.max-connections-per-user", maxConnectionsPerUser);
    }

    public int getMaxConnectionsPerAddress() {
        return maxConnectionsPerAddress;
    }

    public void setMaxConnectionsPerAddress(int maxConnectionsPerAddress) {
        this.maxConnectionsPerAddress = notNegative("sse.max-connections-per-address", maxConnectionsPerAddress);
    }

    public int getMaxChannelsPerStream() {
        return maxChannelsPerStream;
    }

    public void setMaxChannelsPerStream(int maxChannelsPerStream) {
        if (maxChannelsPerStream < 1) {
            throw new InvalidConfigurationPropertyValueException("sse.max-channels-per-stream", maxChannelsPerStream,
                    "must be at least 1");
        }
        this.maxChannelsPerStream = maxChannelsPerStream;
    }

    public boolean isGzip() {
        return gzip;
    }

    public void setGzip(boolean gzip) {
        this.gzip = gzip;
    }

    public Map<String, String> getHeaders() {
        return headers;
    }

    public void setHeaders(Map<String, String> headers) {
        this.headers = singleLineValues(headers);
    }

    public Duration getShutdownRetry() {
        return shutdownRetry;
    }

    public void setShutdownRetry(Duration shutdownRetry) {
        this.shutdownRetry = notNegative("sse.shutdown-retry", shutdownRetry);
    }

    public DataSize getMaxEventSize() {
        return maxEventSize;
    }

    public void setMaxEventSize(DataSize maxEventSize) {
        this.maxEventSize = positive("sse.max-event-size", maxEventSize, Integer.MAX_VALUE);
    }

    public String getUserChannelPrefix() {
        return userChannelPrefix;
    }

    public void setUserChannelPrefix(String userChannelPrefix) {
        this.userChannelPrefix = singleLine("sse.user-channel-prefix", userChannelPrefix);
    }

    public Broker getBroker() {
        return broker;
    }

    public void setBroker(Broker broker) {
        this.broker = broker;
    }

    public Cors getCors() {
        return cors;
    }

    public Replay getReplay() {
        return replay;
    }

    public Redis getRedis() {
        return redis;
    }

    public Presence getPresence() {
        return presence;
    }

    public Metrics getMetrics() {
        return metrics;
    }

    public Security getSecurity() {
        return security;
    }

    public Tokens getTokens() {
        return tokens;
    }

    public ClientScript getClientScript() {
        return clientScript;
    }

    public Tomcat getTomcat() {
        return tomcat;
    }

    /** The brokers that can carry events between instances. */
    public enum Broker {
        /** One JVM: events and replay history stay in this instance. */
        MEMORY,
        /** Redis Streams and pub/sub through the application's RedisConnectionFactory. */
        REDIS
    }

    /** Cross-origin access to the streams. */
    public static class Cors {

        /** Origins allowed to open streams from another site; empty allows none (same origin only). */
        private List<String> allowedOrigins = new ArrayList<>();

        /** Request headers a cross-origin page may send (Last-Event-ID is always allowed). */
        private List<String> allowedHeaders = new ArrayList<>(List.of("Last-Event-ID", "Cache-Control"));

        /** Whether cross-origin pages may send cookies (EventSource withCredentials). */
        private boolean allowCredentials;

        /** How long browsers may cache a preflight answer. */
        private Duration maxAge = Duration.ofMinutes(30);

        public List<String> getAllowedOrigins() {
            return allowedOrigins;
        }

        public void setAllowedOrigins(List<String> allowedOrigins) {
            this.allowedOrigins = allowedOrigins;
        }

        public List<String> getAllowedHeaders() {
            return allowedHeaders;
        }

        public void setAllowedHeaders(List<String> allowedHeaders) {
            this.allowedHeaders = allowedHeaders;
        }

        public boolean isAllowCredentials() {
            return allowCredentials;
        }

        public void setAllowCredentials(boolean allowCredentials) {
            this.allowCredentials = allowCredentials;
        }

        /** These rules as Spring's CORS configuration, or {@code null} when no origin is allowed. */
        public @Nullable CorsConfiguration toCorsConfiguration() {
            return StreamCors.configuration(allowedOrigins, allowedHeaders, allowCredentials, maxAge);
        }

        public Duration getMaxAge() {
            return maxAge;
        }

        public void setMaxAge(Duration maxAge) {
            this.maxAge = notNegative("sse.cors.max-age", maxAge);
        }
    }

    /** Last-Event-ID replay. */
    public static class Replay {

        /** Events each channel keeps for replay; 0 turns replay off. */
        private int size = 1000;

        /** How long a channel keeps an event for replay, also after its last client left. */
        private Duration ttl = Duration.ofMinutes(5);

        /** Event that opens a stream whose Last-Event-ID cannot be replayed, so the page reloads its state. */
        private String gapEvent = "sse-gap";

        /**
         * Bytes of events each channel keeps for replay (in-memory broker); the oldest leave first.
         * Not applied by the Redis broker, whose streams are bounded by size.
         */
        private DataSize maxBytes = DataSize.ofMegabytes(8);

        /**
         * Bytes of events all channels together keep for replay (in-memory broker); the oldest of any
         * channel leave first. Not applied by the Redis broker, whose streams are bounded by size.
         */
        private DataSize maxTotalBytes = DataSize.ofMegabytes(64);

        /**
         * What a stream that opens without a Last-Event-ID gets first: nothing (none), or each of
         * its channels' newest event, once, before what is published afterwards (latest), for
         * channels that publish whole states. Pattern subscriptions never get one.
         */
        private ReplayOnConnect onConnect = ReplayOnConnect.NONE;

        /** Channels and patterns (prices/*, prices/**) that on-connect applies to; empty for every channel. */
        private List<String> onConnectChannels = new ArrayList<>();

        public int getSize() {
            return size;
        }

        public void setSize(int size) {
            this.size = notNegative("sse.replay.size", size);
        }

        public Duration getTtl() {
            return ttl;
        }

        public void setTtl(Duration ttl) {
            this.ttl = positive("sse.replay.ttl", ttl);
        }

        public String getGapEvent() {
            return gapEvent;
        }

        public void setGapEvent(String gapEvent) {
            this.gapEvent = singleLine("sse.replay.gap-event", gapEvent);
        }

        public DataSize getMaxBytes() {
            return maxBytes;
        }

        public void setMaxBytes(DataSize maxBytes) {
            this.maxBytes = positive("sse.replay.max-bytes", maxBytes, Long.MAX_VALUE);
        }

        public DataSize getMaxTotalBytes() {
            return maxTotalBytes;
        }

        public void setMaxTotalBytes(DataSize maxTotalBytes) {
            this.maxTotalBytes = positive("sse.replay.max-total-bytes", maxTotalBytes, Long.MAX_VALUE);
        }

        public ReplayOnConnect getOnConnect() {
            return onConnect;
        }

        public void setOnConnect(ReplayOnConnect onConnect) {
            this.onConnect = onConnect;
        }

        public List<String> getOnConnectChannels() {
            return onConnectChannels;
        }

        public void setOnConnectChannels(List<String> onConnectChannels) {
            this.onConnectChannels = channelsOrPatterns("sse.replay.on-connect-channels", onConnectChannels);
        }
    }

    /** The Redis broker. */
    public static class Redis {

        /**
         * Prefix of the Redis keys (one stream per channel, {@code {prefix}{channel}}) and pub/sub
         * topics. No braces: the channel is the keys' hash tag on a Redis Cluster.
         */
        private String keyPrefix = "sse:";

        /**
         * Replicas that must have an event before its publish returns ({@code WAIT} after the
         * publish); a publish they do not all acknowledge in {@code min-replica-ack-timeout} fails
         * with a 503, though the event may still be delivered. 0 waits for none: replication stays
         * asynchronous, and an event its master had not yet passed on is lost when that master fails.
         */
        private int minReplicaAcks;

        /** How long a publish waits for {@code min-replica-acks} replicas. */
        private Duration minReplicaAckTimeout = Duration.ofMillis(500);

        public String getKeyPrefix() {
            return keyPrefix;
        }

        public void setKeyPrefix(String keyPrefix) {
            if (keyPrefix.indexOf('{') >= 0 || keyPrefix.indexOf('}') >= 0) {
                throw new InvalidConfigurationPropertyValueException("sse.redis.key-prefix", keyPrefix,
                        "must not contain '{' or '}': the channel is the hash tag of its keys");
            }
            this.keyPrefix = singleLine("sse.redis.key-prefix", keyPrefix);
        }

        public int getMinReplicaAcks() {
            return minReplicaAcks;
        }

        public void setMinReplicaAcks(int minReplicaAcks) {
            this.minReplicaAcks = notNegative("sse.redis.min-replica-acks", minReplicaAcks);
        }

        public Duration getMinReplicaAckTimeout() {
            return minReplicaAckTimeout;
        }

        public void setMinReplicaAckTimeout(Duration minReplicaAckTimeout) {
            this.minReplicaAckTimeout = positive("sse.redis.min-replica-ack-timeout", minReplicaAckTimeout);
        }
    }

    /** Who is connected: per channel, and across the instances that share Redis. */
    public static class Presence {

        /** How often an instance tells Redis it is alive (sse.broker=redis). */
        private Duration heartbeat = Duration.ofSeconds(2);

        /**
         * How long the fleet keeps counting an instance that stopped telling Redis it is alive (killed,
         * cut off); longer than the heartbeat. Its streams leave the counts within expiry plus one
         * heartbeat (sse.broker=redis).
         */
        private Duration expiry = Duration.ofSeconds(6);

        /**
         * Users named per channel at most, first come, first named; streams of further users are
         * counted, not named. Bounds what presence keeps per channel, in memory and in Redis.
         */
        private int maxPrincipals = 1000;

        public Duration getHeartbeat() {
            return heartbeat;
        }

        public void setHeartbeat(Duration heartbeat) {
            this.heartbeat = positive("sse.presence.heartbeat", heartbeat);
        }

        public Duration getExpiry() {
            return expiry;
        }

        public void setExpiry(Duration expiry) {
            this.expiry = positive("sse.presence.expiry", expiry);
        }

        public int getMaxPrincipals() {
            return maxPrincipals;
        }

        public void setMaxPrincipals(int maxPrincipals) {
            if (maxPrincipals < 1) {
                throw new InvalidConfigurationPropertyValueException("sse.presence.max-principals", maxPrincipals,
                        "must be at least 1");
            }
            this.maxPrincipals = maxPrincipals;
        }
    }

    /** Micrometer meters. */
    public static class Metrics {

        /** Tag meters with the channel name; only for a small, fixed set of channels. */
        private boolean channelTag;

        public boolean isChannelTag() {
            return channelTag;
        }

        public void setChannelTag(boolean channelTag) {
            this.channelTag = channelTag;
        }
    }

    /** Spring Security. */
    public static class Security {

        /**
         * Permit the ASYNC dispatch that ends a stream in every SecurityFilterChain built from
         * HttpSecurity; turn off to write that rule yourself.
         */
        private boolean permitStreamDispatch = true;

        public boolean isPermitStreamDispatch() {
            return permitStreamDispatch;
        }

        public void setPermitStreamDispatch(boolean permitStreamDispatch) {
            this.permitStreamDispatch = permitStreamDispatch;
        }
    }

    /** Stream tokens: short-lived signed credentials in the stream URL, for EventSources that cannot send headers. */
    public static class Tokens {

        /**
         * HMAC-SHA256 key that signs stream tokens, at least 32 characters; setting it turns stream
         * tokens on. Every instance that serves streams must have the same secret.
         */
        private @Nullable String secret;

        /** Earlier secrets whose tokens are still accepted (never used to mint), for replacing the secret. */
        private List<String> previousSecrets = new ArrayList<>();

        /** How long a minted token is valid: enough to open (and reconnect) the stream, short enough to be useless when leaked. */
        private Duration ttl = Duration.ofSeconds(60);

        public @Nullable String getSecret() {
            return secret;
        }

        // The secrets are checked by SseTokens, not here: a failure while binding would print the value.
        public void setSecret(@Nullable String secret) {
            this.secret = secret;
        }

        public List<String> getPreviousSecrets() {
            return previousSecrets;
        }

        public void setPreviousSecrets(List<String> previousSecrets) {
            this.previousSecrets = previousSecrets;
        }

        public Duration getTtl() {
            return ttl;
        }

        public void setTtl(Duration ttl) {
            this.ttl = positive("sse.tokens.ttl", ttl);
        }
    }

    /** The browser client script ({@code SseBoot.connect}), served by the web stacks. */
    public static class ClientScript {

        /** Whether to serve the browser client script. */
        private boolean enabled = true;

        /** Path the browser client script is served at; it must lie outside sse.path. */
        private String path = "/sseboot/client.js";

        /** How long browsers and proxies may use the script without asking again (it also has an ETag). */
        private Duration maxAge = Duration.ofHours(1);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = plainPath("sse.client-script.path", path);
        }

        public Duration getMaxAge() {
            return maxAge;
        }

        public void setMaxAge(Duration maxAge) {
            this.maxAge = notNegative("sse.client-script.max-age", maxAge);
        }
    }

    /** Tomcat, when it is the web server. */
    public static class Tomcat {

        /**
         * Shrink the buffers Tomcat keeps for every connection, and so for every open stream: the
         * socket read and write buffers to 2 KB, the response buffer to 2 KB and the response header
         * buffer to 4 KB (unless server.tomcat.max-http-response-header-size is set). Measured per
         * idle stream: 64 KB of heap instead of 105 KB. A response over 2 KB is then sent chunked.
         */
        private boolean leanConnector;

        public boolean isLeanConnector() {
            return leanConnector;
        }

        public void setLeanConnector(boolean leanConnector) {
            this.leanConnector = leanConnector;
        }
    }
}
