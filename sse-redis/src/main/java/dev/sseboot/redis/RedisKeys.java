package dev.sseboot.redis;

import io.lettuce.core.cluster.SlotHash;
import org.jspecify.annotations.Nullable;

/**
 * The names this broker gives its keys and topics. A channel's stream, its sequence counter and its
 * topic all carry the channel as their hash tag, {@code {prefix}{channel}}, so on a Redis Cluster
 * they share one slot: the publish script touches only that slot, and the sharded topic lives on
 * the shard that stores the stream.
 */
final class RedisKeys {

    /** Slots of a Redis Cluster; a hash tag picks one of them. */
    static final int SLOTS = SlotHash.SLOT_COUNT;

    private static final String SLOT_TOPIC_SUFFIX = "}#patterns";

    private final String prefix;
    private volatile String @Nullable [] slotTags;

    /**
     * @throws IllegalArgumentException for a prefix with braces, which would become the hash tag of
     *     every key and put all channels in one slot
     */
    RedisKeys(String prefix) {
        if (prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0) {
            throw new IllegalArgumentException("The Redis key prefix must not contain '{' or '}' (it was '" + prefix
                    + "'): the channel is the hash tag of its keys, so that a channel's keys share a slot");
        }
        this.prefix = prefix;
    }

    /** The stream that holds the channel's history. */
    String stream(String channel) {
        return prefix + "{" + channel + "}";
    }

    /** How many events were ever appended to the channel's stream (until both expire). */
    String counter(String channel) {
        return stream(channel) + "#n";
    }

    /** The pub/sub topic (sharded on a cluster) that carries the channel's new events. */
    String topic(String channel) {
        return stream(channel);
    }

    /** The glob for {@code PSUBSCRIBE} that covers every channel's topic the pattern matches. */
    String glob(ChannelPattern pattern) {
        return escapeGlob(prefix) + "{" + pattern.glob() + "}";
    }

    /**
     * The sharded topic of a cluster slot that carries every event of that slot for pattern
     * subscribers: one per slot, since a sharded topic can only carry events of its own slot.
     */
    String slotTopic(int slot) {
        return prefix + "{" + slotTags()[slot] + SLOT_TOPIC_SUFFIX;
    }

    /** Whether the topic is a slot's pattern topic rather than a channel's. */
    boolean isSlotTopic(String topic) {
        return topic.endsWith(SLOT_TOPIC_SUFFIX);
    }

    /** The channel whose topic this is, or {@code null} for another topic. */
    @Nullable String channelOf(String topic) {
        int open = prefix.length();
        return topic.startsWith(prefix) && topic.length() > open + 2 && topic.charAt(open) == '{'
                && topic.charAt(topic.length() - 1) == '}' ? topic.substring(open + 1, topic.length() - 1) : null;
    }

    /** The slot topic that the channel's events also go to while someone listens there. */
    String slotTopicOf(String channel) {
        return slotTopic(SlotHash.getSlot(stream(channel)));
    }

    /** A hash tag per slot, the shortest base-36 numbers that land there; worked out on first use (milliseconds). */
    private String[] slotTags() {
        String[] tags = slotTags;
        if (tags == null) {
            tags = new String[SLOTS];
            int found = 0;
            for (int i = 0; found < SLOTS; i++) {
                String tag = Integer.toString(i, 36);
                int slot = SlotHash.getSlot(tag);
                if (tags[slot] == null) {
                    tags[slot] = tag;
                    found++;
                }
            }
            slotTags = tags;
        }
        return tags;
    }

    private static String escapeGlob(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 4);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
