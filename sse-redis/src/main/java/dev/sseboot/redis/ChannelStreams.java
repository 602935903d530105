package dev.sseboot.redis;

import dev.sseboot.core.wire.SseMessage;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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
     * after ({@code ''} reads no entries). Returns {newest id or '', entries}.
     */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> READ_AFTER = RedisScript.of("""
            local newest = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
            if #newest == 0 then return {'', {}} end
            if ARGV[1] == '' then return {newest[1][1], {}} end
            return {newest[1][1], redis.call('XRANGE', KEYS[1], '(' .. ARGV[1], '+')}
            """, List.class);

    /**
     * Where a client stands, and whether it resumes after an id without a gap. KEYS[1] the stream;
     * ARGV[1] a stream id to resume after ({@code ''} for the position only), ARGV[2] the replay
     * size, ARGV[3] the ttl in ms, ARGV[4] the marker sequence. Returns {position id, 1 when
     * resumable else 0, entries after ARGV[1]}.
     *
     * <p>The position id is the newest entry's or, for a stream without entries, a marker: the
     * millisecond before Redis's clock (and before the last generated id) with the marker
     * sequence, which no entry has, so every later entry is newer. An entry resumes while it is in
     * the stream. A marker resumes while the stream proves nothing after it is gone: nothing was
     * added since, or it is younger than the ttl (so neither the ttl trim nor the key's expiry took
     * anything after it) and the stream is shorter than the replay size (a size trim leaves it at
     * least that long, and only the ttl trim shortens it again). Anything else is a gap.
     */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> POSITION = RedisScript.of("""
            local function parse(id)
              local dash = string.find(id, '-', 1, true)
              return tonumber(string.sub(id, 1, dash - 1)), tonumber(string.sub(id, dash + 1))
            end
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            local exists = redis.call('EXISTS', KEYS[1]) == 1
            local generated = nil
            if exists then
              local info = redis.call('XINFO', 'STREAM', KEYS[1])
              for i = 1, #info, 2 do if info[i] == 'last-generated-id' then generated = info[i + 1] end end
            end
            local newest = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
            local position
            if #newest > 0 then position = newest[1][1]
            else
              local before = now
              if generated then before = math.min(now, (parse(generated))) end
              position = string.format('%.0f', before - 1) .. '-' .. ARGV[4]
            end
            if ARGV[1] == '' then return {position, 0, {}} end
            if exists and #redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1]) == 1 then
              return {position, 1, redis.call('XRANGE', KEYS[1], '(' .. ARGV[1], '+')}
            end
            local ms, seq = parse(ARGV[1])
            if seq ~= tonumber(ARGV[4]) or ms >= now then return {position, 0, {}} end
            if exists then
              local gms, gseq = parse(generated)
              if gms < ms or (gms == ms and gseq <= seq) then return {position, 1, {}} end
            end
            if now - ms < tonumber(ARGV[3]) and (not exists or redis.call('XLEN', KEYS[1]) < tonumber(ARGV[2])) then
              return {position, 1, exists and redis.call('XRANGE', KEYS[1], '(' .. ARGV[1], '+') or {}}
            end
            return {position, 0, {}}
            """, List.class);

    /** The newest entries, newest first. KEYS[1] the stream; ARGV[1] how many at most. */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> NEWEST = RedisScript.of("""
            return redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', ARGV[1])
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
     * Reads the channel's stream after an id, whether or not that id is (still) an entry.
     *
     * @param afterId the id to read after, or {@code ""} for only the newest id
     * @throws org.springframework.dao.DataAccessException when Redis cannot be reached or refuses
     */
    Read readAfter(String channel, String afterId) {
        List<?> result = redis.execute(READ_AFTER, List.of(keyPrefix + channel), afterId);
        String newest = (String) result.get(0);
        return new Read(newest.isEmpty() ? null : newest, entries((List<?>) result.get(1)));
    }

    /**
     * The newest entries of the channel's stream, oldest first.
     *
     * @param limit how many at most, at least 1
     * @throws org.springframework.dao.DataAccessException when Redis cannot be reached or refuses
     */
    List<StreamEntry> newest(String channel, int limit) {
        List<StreamEntry> newestFirst = entries(redis.execute(NEWEST, List.of(keyPrefix + channel),
                Integer.toString(limit)));
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    private static List<StreamEntry> entries(List<?> items) {
        List<StreamEntry> entries = new ArrayList<>(items.size());
        for (Object item : items) {
            List<?> entry = (List<?>) item;
            entries.add(StreamEntry.of((String) entry.get(0), strings((List<?>) entry.get(1))));
        }
        return entries;
    }

    /**
     * Where a client of the channel stands after resuming from an id, and whether it can resume
     * without a gap.
     *
     * @param afterId a stream id to resume after, or {@code ""} for only where the channel stands
     * @throws org.springframework.dao.DataAccessException when Redis cannot be reached or refuses
     */
    Position position(String channel, String afterId) {
        List<?> result = redis.execute(POSITION, List.of(keyPrefix + channel), afterId, replaySize, ttlMillis,
                Long.toString(StreamIds.MARKER_SEQUENCE));
        return new Position((String) result.get(0), ((Long) result.get(1)) == 1, entries((List<?>) result.get(2)));
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
     * @param entries the entries after the id read after, oldest first
     */
    record Read(@Nullable String newestId, List<StreamEntry> entries) {
    }

    /**
     * Where a client stands.
     *
     * @param id the newest entry's id, or a marker that every later entry is newer than
     * @param resumable whether every entry after the id resumed after is still in the stream
     * @param entries those entries, oldest first (none when not resumable)
     */
    record Position(String id, boolean resumable, List<StreamEntry> entries) {
    }
}
