package dev.sseboot.redis;

import dev.sseboot.core.broker.SseBrokerException;
import dev.sseboot.core.wire.SseMessage;
import io.lettuce.core.ScriptOutputType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The channels' Redis streams, one per channel at {@code {prefix}{channel}} beside its sequence
 * counter {@code {prefix}{channel}#n}: appending (and announcing) an event, and reading after an
 * id. Each is one Lua script that touches only that channel's keys, which share a slot, so each
 * is atomic and runs on a Redis Cluster too.
 */
final class ChannelStreams {

    /**
     * Appends the event with its sequence number, trims the stream by size and age, and announces
     * the entry on the channel's topic, in one step: an event is stored if and only if it is
     * announced, and announcements leave in id order. {@code MAXLEN ~} keeps at least the replay
     * size (Redis trims whole nodes); {@code =} is used when the size is 0. Both keys expire one
     * ttl after the last publish. On a cluster the entry also goes to its slot's pattern topic,
     * but only while some instance listens there (one with an open pattern).
     *
     * <p>KEYS[1] the stream, KEYS[2] the counter; ARGV: publish command, topic, trim operator,
     * replay size, ttl in ms, channel, slot topic or '', then the fields as name, value. Returns
     * the new id.
     */
    private static final LuaScript APPEND = LuaScript.of("""
            local fields = {}
            for i = 8, #ARGV do fields[#fields + 1] = ARGV[i] end
            local n = redis.call('INCR', KEYS[2])
            fields[#fields + 1] = 'n'
            fields[#fields + 1] = tostring(n)
            local id = redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[3], ARGV[4], '*', unpack(fields))
            local now = redis.call('TIME')
            local oldest = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) - tonumber(ARGV[5])
            if oldest > 0 then redis.call('XTRIM', KEYS[1], 'MINID', '~', string.format('%.0f', oldest)) end
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            redis.call('PEXPIRE', KEYS[2], ARGV[5])
            local parts = {id, '\\n', ARGV[6]}
            for i = 1, #fields, 2 do
              parts[#parts + 1] = '\\n' .. fields[i] .. '\\n' .. #fields[i + 1] .. '\\n'
              parts[#parts + 1] = fields[i + 1]
            end
            local body = table.concat(parts)
            redis.call(ARGV[1], ARGV[2], body)
            if ARGV[7] ~= '' and redis.call('PUBSUB', 'SHARDNUMSUB', ARGV[7])[2] > 0 then
              redis.call('SPUBLISH', ARGV[7], body)
            end
            return id
            """, ScriptOutputType.VALUE);

    /**
     * Where a client stands, and whether it resumes after an id without a gap. KEYS[1] the stream,
     * KEYS[2] the counter; ARGV[1] a stream id to resume after ({@code ''} for the position only),
     * ARGV[2] the replay size, ARGV[3] the ttl in ms, ARGV[4] the marker sequence. Returns
     * {position id, 1 when resumable else 0, entries after ARGV[1], counter}.
     *
     * <p>The position id is the newest entry's or, for a stream without entries, a marker: the
     * millisecond before Redis's clock (and before the last generated id) with the marker
     * sequence, which no entry has, so every later entry is newer. An entry resumes while it is in
     * the stream. A marker resumes while the stream proves nothing after it is gone: nothing was
     * added since, or it is younger than the ttl (so neither the ttl trim nor the key's expiry took
     * anything after it) and the stream is shorter than the replay size (a size trim leaves it at
     * least that long, and only the ttl trim shortens it again). Anything else is a gap.
     */
    private static final LuaScript POSITION = LuaScript.of("""
            local function parse(id)
              local dash = string.find(id, '-', 1, true)
              return tonumber(string.sub(id, 1, dash - 1)), tonumber(string.sub(id, dash + 1))
            end
            local counter = tonumber(redis.call('GET', KEYS[2]) or '0')
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
            if ARGV[1] == '' then return {position, 0, {}, counter} end
            if exists and #redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1]) == 1 then
              return {position, 1, redis.call('XRANGE', KEYS[1], '(' .. ARGV[1], '+'), counter}
            end
            local ms, seq = parse(ARGV[1])
            if seq ~= tonumber(ARGV[4]) or ms >= now then return {position, 0, {}, counter} end
            if exists then
              local gms, gseq = parse(generated)
              if gms < ms or (gms == ms and gseq <= seq) then return {position, 1, {}, counter} end
            end
            if now - ms < tonumber(ARGV[3]) and (not exists or redis.call('XLEN', KEYS[1]) < tonumber(ARGV[2])) then
              return {position, 1, exists and redis.call('XRANGE', KEYS[1], '(' .. ARGV[1], '+') or {}, counter}
            end
            return {position, 0, {}, counter}
            """, ScriptOutputType.MULTI);

    /** The newest entries, newest first. KEYS[1] the stream; ARGV[1] how many at most. */
    private static final LuaScript NEWEST = LuaScript.of("""
            return redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', ARGV[1])
            """, ScriptOutputType.MULTI);

    /**
     * A catch-up read: the entries after an id, and whether some that followed it are gone.
     * KEYS[1] the stream, KEYS[2] the counter; ARGV[1] the id to read after, ARGV[2] the sequence
     * number of that id's event ({@code -1} when unknown). Returns {1 when events are gone else 0,
     * newest id or '', counter, entries}.
     *
     * <p>Nothing is gone when nothing was appended since (the counter is where it was), when the
     * first entry read is the very next event, or when the counter began again (the first entry
     * read is number 1: the keys expired, or Redis restarted empty, so the history started afresh
     * and nothing of it is gone). Otherwise entries between were trimmed.
     */
    private static final LuaScript CATCH_UP = LuaScript.of("""
            local counter = tonumber(redis.call('GET', KEYS[2]) or '0')
            local newest = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
            local newestId = ''
            if #newest > 0 then newestId = newest[1][1] end
            local entries = redis.call('XRANGE', KEYS[1], '(' .. ARGV[1], '+')
            local known = tonumber(ARGV[2])
            local lost = 0
            if known >= 0 and counter > known then
              local first = 0
              if #entries > 0 then
                local fields = entries[1][2]
                for i = 1, #fields, 2 do if fields[i] == 'n' then first = tonumber(fields[i + 1]) end end
              end
              if first ~= known + 1 and first ~= 1 then lost = 1 end
            end
            return {lost, newestId, counter, entries}
            """, ScriptOutputType.MULTI);

    /**
     * Where the channel stood at the end of a millisecond: a marker id after every entry stamped
     * then or before, and how many events the history had by then (so that a catch-up from the
     * marker can tell whether any that followed were trimmed). KEYS[1] the stream, KEYS[2] the
     * counter; ARGV[1] the millisecond, ARGV[2] the marker sequence. Returns {marker, number}.
     */
    private static final LuaScript FLOOR = LuaScript.of("""
            local function number(entry)
              local fields = entry[2]
              for i = 1, #fields, 2 do if fields[i] == 'n' then return tonumber(fields[i + 1]) end end
              return -1
            end
            local marker = ARGV[1] .. '-' .. ARGV[2]
            local before = redis.call('XREVRANGE', KEYS[1], marker, '-', 'COUNT', 1)
            if #before > 0 then return {marker, number(before[1])} end
            local after = redis.call('XRANGE', KEYS[1], '(' .. marker, '+', 'COUNT', 1)
            if #after > 0 then
              local first = number(after[1])
              if first > 0 then return {marker, first - 1} end
              return {marker, -1}
            end
            return {marker, tonumber(redis.call('GET', KEYS[2]) or '0')}
            """, ScriptOutputType.MULTI);

    /** Redis's clock in milliseconds on the node of KEYS[1], the clock that stamps its stream ids. */
    private static final LuaScript CLOCK = LuaScript.of("""
            local time = redis.call('TIME')
            return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            """, ScriptOutputType.INTEGER);

    private final RedisLink link;
    private final RedisKeys keys;
    private final String publishCommand;
    private final String replaySize;
    private final String trimOperator;
    private final String ttlMillis;
    private final ReplicaAcks replicaAcks;

    ChannelStreams(RedisLink link, RedisKeys keys, int replaySize, Duration replayTtl, ReplicaAcks replicaAcks) {
        this.link = link;
        this.keys = keys;
        this.publishCommand = link.cluster() ? "SPUBLISH" : "PUBLISH";
        this.replaySize = Integer.toString(replaySize);
        this.trimOperator = replaySize == 0 ? "=" : "~";
        this.ttlMillis = Long.toString(Math.max(1, replayTtl.toMillis()));
        this.replicaAcks = replicaAcks;
    }

    private String[] keysOf(String channel) {
        return new String[] {keys.stream(channel), keys.counter(channel)};
    }

    /**
     * Stores and announces the event and, when replica acknowledgements are asked for, waits for them.
     *
     * @return the stream id it got, which is its event id
     * @throws io.lettuce.core.RedisException when Redis cannot be reached or refuses
     * @throws SseBrokerException when too few replicas acknowledged in time (the event is stored
     *     and announced, but a failover of its master now could lose it)
     */
    String append(String channel, SseMessage message) {
        List<String> fields = StreamEntry.fields(message);
        List<String> args = new ArrayList<>(7 + fields.size());
        args.add(publishCommand);
        args.add(keys.topic(channel));
        args.add(trimOperator);
        args.add(replaySize);
        args.add(ttlMillis);
        args.add(channel);
        args.add(link.cluster() ? keys.slotTopicOf(channel) : "");
        args.addAll(fields);
        String[] values = args.toArray(String[]::new);
        if (replicaAcks.replicas() == 0) {
            return link.run(APPEND, keysOf(channel), values);
        }
        RedisLink.Acknowledged<String> stored = link.runAndWait(APPEND, replicaAcks.replicas(), replicaAcks.timeout(),
                keysOf(channel), values);
        if (stored.replicas() < replicaAcks.replicas()) {
            throw new SseBrokerException("Event " + stored.result() + " of channel '" + channel + "' is stored, but "
                    + stored.replicas() + " of the " + replicaAcks.replicas() + " replicas asked for acknowledged it within "
                    + replicaAcks.timeout().toMillis() + " ms: a failover of its master now could lose it");
        }
        return stored.result();
    }

    /**
     * Where a client of the channel stands after resuming from an id, and whether it can resume
     * without a gap.
     *
     * @param afterId a stream id to resume after, or {@code ""} for only where the channel stands
     * @throws io.lettuce.core.RedisException when Redis cannot be reached or refuses
     */
    Position position(String channel, String afterId) {
        List<?> result = link.run(POSITION, keysOf(channel), afterId, replaySize, ttlMillis,
                Long.toString(StreamIds.MARKER_SEQUENCE));
        return new Position((String) result.get(0), ((Long) result.get(1)) == 1, entries((List<?>) result.get(2)),
                (Long) result.get(3));
    }

    /**
     * The entries after an id, for a catch-up, and whether events that followed it are gone.
     *
     * @param afterSequence the sequence number of the event with that id, or -1 when unknown (with
     *     replay off nothing is reported lost: there is no history to catch up from)
     * @throws io.lettuce.core.RedisException when Redis cannot be reached or refuses
     */
    CatchUp catchUp(String channel, String afterId, long afterSequence) {
        // Without a history nothing tells a trimmed event from one still on its way live.
        long known = replaySize.equals("0") ? -1 : afterSequence;
        List<?> result = link.run(CATCH_UP, keysOf(channel), afterId, Long.toString(known));
        String newest = (String) result.get(1);
        return new CatchUp(((Long) result.get(0)) == 1, newest.isEmpty() ? null : newest, (Long) result.get(2),
                entries((List<?>) result.get(3)));
    }

    /**
     * Redis's clock in milliseconds on the node that holds the channel, the clock that stamps its ids.
     *
     * @throws io.lettuce.core.RedisException when Redis cannot be reached
     */
    long redisTimeMillis(String channel) {
        Long millis = link.run(CLOCK, keysOf(channel));
        return millis;
    }

    /**
     * Where the channel stood at the end of a millisecond on Redis's clock: a catch-up from there
     * reads every entry stamped later.
     *
     * @param millis the last millisecond whose entries count as before
     * @throws io.lettuce.core.RedisException when Redis cannot be reached or refuses
     */
    Floor floor(String channel, long millis) {
        List<?> result = link.run(FLOOR, keysOf(channel), Long.toString(millis),
                Long.toString(StreamIds.MARKER_SEQUENCE));
        return new Floor((String) result.get(0), (Long) result.get(1));
    }

    /**
     * The newest entries of the channel's stream, oldest first.
     *
     * @param limit how many at most, at least 1
     * @throws io.lettuce.core.RedisException when Redis cannot be reached or refuses
     */
    List<StreamEntry> newest(String channel, int limit) {
        List<StreamEntry> newestFirst = entries(link.run(NEWEST, keysOf(channel), Integer.toString(limit)));
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

    private static List<String> strings(List<?> values) {
        List<String> strings = new ArrayList<>(values.size());
        values.forEach(value -> strings.add((String) value));
        return strings;
    }

    /**
     * Where a client stands.
     *
     * @param id the newest entry's id, or a marker that every later entry is newer than
     * @param resumable whether every entry after the id resumed after is still in the stream
     * @param entries those entries, oldest first (none when not resumable)
     * @param sequence how many events the channel's history has had: the newest entry's sequence number
     */
    record Position(String id, boolean resumable, List<StreamEntry> entries, long sequence) {
    }

    /**
     * Where a channel stood at some moment.
     *
     * @param id a marker id after every entry stamped by then and before every later one
     * @param sequence how many events the history had by then, or -1 when unknown
     */
    record Floor(String id, long sequence) {
    }

    /**
     * A catch-up read.
     *
     * @param lost whether events after the id read after are gone from the stream
     * @param newestId the newest entry's id, or {@code null} when the stream is empty or gone
     * @param sequence the newest sequence number
     * @param entries the entries after the id, oldest first
     */
    record CatchUp(boolean lost, @org.jspecify.annotations.Nullable String newestId, long sequence,
            List<StreamEntry> entries) {
    }
}
