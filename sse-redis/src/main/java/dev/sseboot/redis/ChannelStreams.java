package dev.sseboot.redis;

import dev.sseboot.core.wire.SseMessage;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The channels' Redis streams, one per channel at {@code {key prefix}{channel}}: appending (and
 * announcing) an event, and reading after an id. Each is one Lua script, so each is atomic and
 * touches one key (which also keeps it usable on a Redis Cluster).
 */
final class ChannelStreams {

    /**
     * Appends the event, trims the stream by size and age, and announces the entry on the topic, in
     * one step: an event is stored if and only if it is announced, and announcements leave in id
     * order. {@code MAXLEN ~} keeps at least the replay size (Redis trims whole nodes); {@code =} is
     * used when the size is 0. The key expires one ttl after the last publish, with all its entries.
     *
     * <p>KEYS[1] the stream; ARGV: topic, trim operator, replay size, ttl in ms, channel, then the
     * fields as name, value. Returns the new id.
     */
    private static final RedisScript<String> APPEND = RedisScript.of("""
            local fields = {}
            for i = 6, #ARGV do fields[#fields + 1] = ARGV[i] end
            local id = redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[2], ARGV[3], '*', unpack(fields))
            local now = redis.call('TIME')
            local oldest = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) - tonumber(ARGV[4])
            if oldest > 0 then redis.call('XTRIM', KEYS[1], 'MINID', '~', string.format('%.0f', oldest)) end
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            local parts = {id, '\\n', ARGV[5]}
            for i = 1, #fields, 2 do
              parts[#parts + 1] = '\\n' .. fields[i] .. '\\n' .. #fields[i + 1] .. '\\n'
              parts[#parts + 1] = fields[i + 1]
            end
            redis.call('PUBLISH', ARGV[1], table.concat(parts))
            return id
            """, String.class);

    /**
     * Reads the newest id and the entries after an id. KEYS[1] the stream; ARGV[1] the id to read
     * after ({@code ''} reads no entries), ARGV[2] {@code 'always'} to read the entries even when
     * that id is not in the stream. Returns {newest id or '', 1 when ARGV[1] is in the stream else 0,
     * entries}.
     */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> READ_AFTER = RedisScript.of("""
            local newest = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
            if #newest == 0 then return {'', 0, {}} end
            if ARGV[1] == '' then return {newest[1][1], 0, {}} end
            local known = #redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1])
            if known == 0 and ARGV[2] ~= 'always' then return {newest[1][1], 0, {}} end
            return {newest[1][1], known, redis.call('XRANGE', KEYS[1], '(' .. ARGV[1], '+')}
            """, List.class);

    private final StringRedisTemplate redis;
    private final String keyPrefix;
    private final String topic;
    private final String replaySize;
    private final String trimOperator;
    private final String ttlMillis;

    ChannelStreams(StringRedisTemplate redis, String keyPrefix, String topic, int replaySize, Duration replayTtl) {
        this.redis = redis;
        this.keyPrefix = keyPrefix;
        this.topic = topic;
        this.replaySize = Integer.toString(replaySize);
        this.trimOperator = replaySize == 0 ? "=" : "~";
        this.ttlMillis = Long.toString(Math.max(1, replayTtl.toMillis()));
    }

    /**
     * Stores and announces the event.
     *
     * @return the stream id it got, which is its event id
     * @throws org.springframework.dao.DataAccessException when Redis cannot be reached or refuses
     */
    String append(String channel, SseMessage message) {
        List<String> fields = StreamEntry.fields(message);
        List<Object> args = new ArrayList<>(5 + fields.size());
        args.add(topic);
        args.add(trimOperator);
        args.add(replaySize);
        args.add(ttlMillis);
        args.add(channel);
        args.addAll(fields);
        return redis.execute(APPEND, List.of(keyPrefix + channel), args.toArray());
    }

    /**
     * Reads the channel's stream after an id.
     *
     * @param afterId the id to read after, or {@code ""} for only the newest id
     * @param evenIfUnknown read the entries after {@code afterId} even when it is not (or no longer) in the stream
     * @throws org.springframework.dao.DataAccessException when Redis cannot be reached or refuses
     */
    Read readAfter(String channel, String afterId, boolean evenIfUnknown) {
        List<?> result = redis.execute(READ_AFTER, List.of(keyPrefix + channel), afterId,
                evenIfUnknown ? "always" : "known");
        String newest = (String) result.get(0);
        List<StreamEntry> entries = new ArrayList<>();
        for (Object item : (List<?>) result.get(2)) {
            List<?> entry = (List<?>) item;
            entries.add(StreamEntry.of((String) entry.get(0), strings((List<?>) entry.get(1))));
        }
        return new Read(newest.isEmpty() ? null : newest, ((Long) result.get(1)) == 1, entries);
    }

    /**
     * Redis's clock in milliseconds, the clock that stamps stream ids.
     *
     * @throws org.springframework.dao.DataAccessException when Redis cannot be reached
     */
    long redisTimeMillis() {
        return redis.execute((RedisCallback<Long>) connection -> connection.serverCommands().time());
    }

    private static List<String> strings(List<?> values) {
        List<String> strings = new ArrayList<>(values.size());
        values.forEach(value -> strings.add((String) value));
        return strings;
    }

    /**
     * A read of one stream.
     *
     * @param newestId the newest entry's id, or {@code null} when the stream is empty or gone
     * @param known whether the id read after is an entry of the stream
     * @param entries the entries after it, oldest first
     */
    record Read(@Nullable String newestId, boolean known, List<StreamEntry> entries) {
    }
}
