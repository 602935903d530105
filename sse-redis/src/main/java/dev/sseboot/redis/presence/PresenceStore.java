package dev.sseboot.redis.presence;

import dev.sseboot.core.presence.ChannelPresence;
import dev.sseboot.core.presence.InstancePresence;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Presence's reads and writes in Redis ({@link PresenceKeys} describes the keys). Every write is one
 * Lua script, so the fleet's sums, an instance's share of them and the announcement of a change move
 * together, and whoever clears a lost instance subtracts exactly what it added. Times are Redis's
 * clock, so instances with skewed clocks agree on who is alive.
 *
 * <p>Each call may throw Spring's {@link org.springframework.dao.DataAccessException} when Redis does
 * not answer.
 */
final class PresenceStore {

    /** Lost instances cleared per heartbeat at most, so one call stays short after a mass failure. */
    private static final int CLEARED_PER_CALL = 16;

    /**
     * Shared by every script, after the line that names the publish command ({@link #script}):
     * Redis's time in ms, a hash increment that removes fields that reach
     * zero, the announcement format, and the clearing of an instance (its share subtracted from the
     * sums, its keys deleted, one announcement per user and channel it held, and one without a user
     * for its other streams on a channel).
     *
     * <p>An announcement is {@code kind\nchannel\ninstance\nstreams\nuser}: kind {@code +} or
     * {@code -}, streams the channel's after the change, user {@code +name} or {@code -} for none
     * (last, as a name may hold line breaks; channels and instance ids cannot).
     */
    private static final String PRELUDE = """
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            local function add(key, field, delta)
              local value = redis.call('HINCRBY', key, field, delta)
              if value <= 0 then redis.call('HDEL', key, field) end
              return value
            end
            local function announce(topic, kind, channel, instance, streams, user)
              local who = '-'
              if user then who = '+' .. user end
              redis.call(publish, topic, kind .. '\\n' .. channel .. '\\n' .. instance .. '\\n'
                .. string.format('%d', streams) .. '\\n' .. who)
            end
            local function clear(base, topic, id)
              local held = base .. ':held:' .. id
              local entries = redis.call('HGETALL', held)
              local channels, order = {}, {}
              local function share(channel)
                local found = channels[channel]
                if not found then
                  found = {streams = 0, named = 0, users = {}}
                  channels[channel] = found
                  order[#order + 1] = channel
                end
                return found
              end
              for i = 1, #entries, 2 do
                local field, count = entries[i], tonumber(entries[i + 1])
                local kind, rest = string.sub(field, 1, 1), string.sub(field, 3)
                if kind == 's' then
                  add(base .. ':streams', rest, -count)
                  share(rest).streams = count
                elseif kind == 'a' then
                  add(base .. ':anonymous', rest, -count)
                else
                  local split = string.find(rest, '\\n', 1, true)
                  local channel, user = string.sub(rest, 1, split - 1), string.sub(rest, split + 1)
                  add(base .. ':users:' .. channel, user, -count)
                  local found = share(channel)
                  found.named = found.named + count
                  found.users[#found.users + 1] = user
                end
              end
              redis.call('DEL', held, base .. ':instance:' .. id)
              redis.call('ZREM', base .. ':instances', id)
              for _, channel in ipairs(order) do
                local found = channels[channel]
                local left = tonumber(redis.call('HGET', base .. ':streams', channel) or '0')
                for _, user in ipairs(found.users) do announce(topic, '-', channel, id, left, user) end
                if found.streams > found.named then announce(topic, '-', channel, id, left, nil) end
              end
            end
            """;

    /**
     * Joins the fleet with nothing held and no write applied, clearing what an earlier registration
     * of this id left. KEYS: instances, instance, held. ARGV: base, topic, id, host, started (ms),
     * expiry (ms).
     */
    private static final String REGISTER = """
            if redis.call('ZSCORE', KEYS[1], ARGV[3]) or redis.call('EXISTS', KEYS[3]) == 1 then
              clear(ARGV[1], ARGV[2], ARGV[3])
            end
            redis.call('HSET', KEYS[2], 'host', ARGV[4], 'started', ARGV[5], 'heartbeat', string.format('%d', now),
              'streams', 0, 'writes', 0)
            redis.call('ZADD', KEYS[1], string.format('%d', now + tonumber(ARGV[6])), ARGV[3])
            return now
            """;

    /**
     * Renews the membership and returns how many of the instance's writes Redis holds; -1 when the
     * instance is not a member any more (its time ran out). KEYS: instances, instance. ARGV: id,
     * expiry (ms).
     */
    private static final String HEARTBEAT = """
            local deadline = redis.call('ZSCORE', KEYS[1], ARGV[1])
            if not deadline or tonumber(deadline) < now then return -1 end
            redis.call('ZADD', KEYS[1], string.format('%d', now + tonumber(ARGV[2])), ARGV[1])
            redis.call('HSET', KEYS[2], 'heartbeat', string.format('%d', now))
            return tonumber(redis.call('HGET', KEYS[2], 'writes') or '0')
            """;

    /** Clears instances whose time ran out. KEYS: instances. ARGV: base, topic, most to clear. */
    private static final String CLEAR_LOST = """
            local lost = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. string.format('%d', now),
              'LIMIT', 0, tonumber(ARGV[3]))
            for _, id in ipairs(lost) do clear(ARGV[1], ARGV[2], id) end
            return #lost
            """;

    /** Leaves the fleet. KEYS: instances. ARGV: base, topic, id. */
    private static final String LEAVE = """
            clear(ARGV[1], ARGV[2], ARGV[3])
            return 1
            """;

    /**
     * Applies one channel's change of this instance, counts the write and announces the change; -1
     * when the instance is not a member (it must register again), else the channel's streams after
     * it. A user is named while the channel names fewer users than the cap, or already names them.
     *
     * <p>KEYS: instances, instance, held, streams, anonymous, users of the channel. ARGV: topic, id,
     * channel, stream change, anonymous change, unnamed change ({@code +}, {@code -} or empty),
     * cap, then per user: name, streams now, {@code +} or {@code -}.
     */
    private static final String ADJUST = """
            local deadline = redis.call('ZSCORE', KEYS[1], ARGV[2])
            if not deadline or tonumber(deadline) < now then return -1 end
            redis.call('HINCRBY', KEYS[2], 'writes', 1)
            local channel = ARGV[3]
            local streams, anonymous = tonumber(ARGV[4]), tonumber(ARGV[5])
            if streams ~= 0 then
              add(KEYS[3], 's\\n' .. channel, streams)
              add(KEYS[4], channel, streams)
              redis.call('HINCRBY', KEYS[2], 'streams', streams)
            end
            if anonymous ~= 0 then
              add(KEYS[3], 'a\\n' .. channel, anonymous)
              add(KEYS[5], channel, anonymous)
            end
            local cap = tonumber(ARGV[7])
            for i = 8, #ARGV, 3 do
              local user, count = ARGV[i], tonumber(ARGV[i + 1])
              local field = 'u\\n' .. channel .. '\\n' .. user
              local held = tonumber(redis.call('HGET', KEYS[3], field) or '0')
              if held > 0 or redis.call('HEXISTS', KEYS[6], user) == 1 or redis.call('HLEN', KEYS[6]) < cap then
                if count ~= held then
                  add(KEYS[3], field, count - held)
                  add(KEYS[6], user, count - held)
                end
              end
            end
            local total = tonumber(redis.call('HGET', KEYS[4], channel) or '0')
            for i = 8, #ARGV, 3 do announce(ARGV[1], ARGV[i + 2], channel, ARGV[2], total, ARGV[i]) end
            if ARGV[6] ~= '' then announce(ARGV[1], ARGV[6], channel, ARGV[2], total, nil) end
            return total
            """;

    /** One channel's sums. KEYS: streams, anonymous, users of the channel. ARGV: channel. */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> READ_CHANNEL = RedisScript.of("""
            return {tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0'),
              tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0'), redis.call('HGETALL', KEYS[3])}
            """, List.class);

    /** The ids of the instances whose time has not run out. KEYS: instances. */
    private static final String ALIVE = """
            return redis.call('ZRANGEBYSCORE', KEYS[1], string.format('%d', now), '+inf')
            """;

    /** What {@link #heartbeat} returns for an instance that is no member any more. */
    static final long NOT_A_MEMBER = -1;

    private final StringRedisTemplate redis;
    private final PresenceKeys keys;
    private final RedisScript<Long> register;
    private final RedisScript<Long> heartbeat;
    private final RedisScript<Long> clearLost;
    private final RedisScript<Long> leave;
    private final RedisScript<Long> adjust;
    @SuppressWarnings("rawtypes")
    private final RedisScript<List> alive;

    /**
     * @param publishCommand how the scripts announce changes on the topic: {@code PUBLISH}, or
     *     {@code SPUBLISH} on a cluster
     */
    PresenceStore(StringRedisTemplate redis, PresenceKeys keys, String publishCommand) {
        this.redis = redis;
        this.keys = keys;
        this.register = script(publishCommand, REGISTER, Long.class);
        this.heartbeat = script(publishCommand, HEARTBEAT, Long.class);
        this.clearLost = script(publishCommand, CLEAR_LOST, Long.class);
        this.leave = script(publishCommand, LEAVE, Long.class);
        this.adjust = script(publishCommand, ADJUST, Long.class);
        this.alive = script(publishCommand, ALIVE, List.class);
    }

    private static <T> RedisScript<T> script(String publishCommand, String source, Class<T> result) {
        return RedisScript.of("local publish = '" + publishCommand + "'\n" + PRELUDE + source, result);
    }

    /** Joins the fleet with nothing held, replacing an earlier registration of the same id. */
    void register(String id, String host, Instant started, Duration expiry) {
        redis.execute(register, List.of(keys.instances(), keys.instance(id), keys.held(id)), keys.base(),
                keys.topic(), id, host, Long.toString(started.toEpochMilli()), Long.toString(expiry.toMillis()));
    }

    /**
     * Renews the membership.
     *
     * @return how many {@linkplain #adjust writes} of this registration Redis holds (fewer than
     *     were made after a failover to a replica that had not received them all), or
     *     {@link #NOT_A_MEMBER} when the membership ran out and the instance must register again
     */
    long heartbeat(String id, Duration expiry) {
        return redis.execute(heartbeat, List.of(keys.instances(), keys.instance(id)), id,
                Long.toString(expiry.toMillis()));
    }

    /** Clears instances whose membership ran out. */
    void clearLost() {
        redis.execute(clearLost, List.of(keys.instances()), keys.base(), keys.topic(),
                Integer.toString(CLEARED_PER_CALL));
    }

    /** Leaves the fleet: everything this instance held is taken away and announced at once. */
    void leave(String id) {
        redis.execute(leave, List.of(keys.instances()), keys.base(), keys.topic(), id);
    }

    /** Applies and announces a change; {@code false} when the instance must register again first. */
    boolean adjust(String id, ChannelDelta delta, int maxPrincipals) {
        String channel = delta.channel();
        List<String> args = new ArrayList<>(List.of(keys.topic(), id, channel, Integer.toString(delta.streams()),
                Integer.toString(delta.anonymous()), delta.unnamed() > 0 ? "+" : delta.unnamed() < 0 ? "-" : "",
                Integer.toString(maxPrincipals)));
        for (ChannelDelta.UserCount user : delta.users()) {
            args.add(user.user());
            args.add(Integer.toString(user.count()));
            args.add(user.grew() ? "+" : "-");
        }
        Long streams = redis.execute(adjust, List.of(keys.instances(), keys.instance(id), keys.held(id),
                keys.streams(), keys.anonymous(), keys.users(channel)), args.toArray());
        return streams >= 0;
    }

    ChannelPresence channel(String channel) {
        List<?> read = redis.execute(READ_CHANNEL, List.of(keys.streams(), keys.anonymous(), keys.users(channel)),
                channel);
        List<?> flatUsers = (List<?>) read.get(2);
        SortedMap<String, Integer> users = new TreeMap<>();
        for (int i = 0; i < flatUsers.size(); i += 2) {
            users.put((String) flatUsers.get(i), Integer.parseInt((String) flatUsers.get(i + 1)));
        }
        return new ChannelPresence(channel, ((Long) read.get(0)).intValue(), ((Long) read.get(1)).intValue(), users);
    }

    SortedMap<String, Integer> channels() {
        SortedMap<String, Integer> channels = new TreeMap<>();
        redis.<String, String>opsForHash().entries(keys.streams())
                .forEach((channel, streams) -> channels.put(channel, Integer.parseInt(streams)));
        return channels;
    }

    List<InstancePresence> instances() {
        List<InstancePresence> instances = new ArrayList<>();
        for (Object id : redis.execute(alive, List.of(keys.instances()))) {
            Map<String, String> fields = redis.<String, String>opsForHash().entries(keys.instance((String) id));
            if (!fields.isEmpty()) {   // cleared between the two reads
                instances.add(new InstancePresence((String) id, fields.get("host"),
                        Instant.ofEpochMilli(Long.parseLong(fields.get("started"))),
                        Instant.ofEpochMilli(Long.parseLong(fields.get("heartbeat"))),
                        Integer.parseInt(fields.get("streams"))));
            }
        }
        return instances;
    }
}
