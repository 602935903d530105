package dev.sseboot.redis.presence;

import dev.sseboot.core.presence.PresenceChange;
import dev.sseboot.core.presence.PresenceListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * This instance's subscription to the presence topic, and the hand-off of every instance's
 * announced changes to this instance's listeners: in the order Redis delivered them, on one thread
 * of its own (never Lettuce's, which a slow listener would hold up).
 *
 * <p>A subscription that could not be made (Redis not there yet) or that was lost (the node that
 * held it died) is made again at the next heartbeat. Changes announced while it was down are
 * missed; the counts are not, they are read from Redis.
 */
final class FleetNotifications {

    private static final Logger log = LoggerFactory.getLogger(FleetNotifications.class);

    private final PresenceTopic topic;
    private final List<PresenceListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sse-presence-changes");
        thread.setDaemon(true);
        return thread;
    });

    FleetNotifications(PresenceTopic topic) {
        this.topic = topic;
    }

    void addListener(PresenceListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void removeListener(PresenceListener listener) {
        listeners.remove(listener);
    }

    /**
     * Subscribes unless subscribed already.
     *
     * @throws org.springframework.dao.DataAccessException when Redis cannot be reached
     */
    void ensureSubscribed() {
        topic.ensureSubscribed(this::received);
    }

    /** A presence command failed; the next subscription check looks where Redis is now. */
    void redisFailed() {
        topic.redisFailed();
    }

    void stop() {
        topic.close();
        dispatcher.shutdown();
    }

    private void received(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        Announced announced = Announced.parse(text);
        if (announced == null) {
            log.warn("Ignoring a message on the presence topic that no sseboot instance sent: '{}'",
                    text.length() > 200 ? text.substring(0, 200) + "…" : text);
            return;
        }
        try {
            dispatcher.execute(() -> tellListeners(announced));
        } catch (RejectedExecutionException e) {
            log.debug("Presence has left the fleet; not telling listeners of {}", announced);
        }
    }

    private void tellListeners(Announced announced) {
        for (PresenceListener listener : listeners) {
            try {
                if (announced.subscribed()) {
                    listener.subscribed(announced.change());
                } else {
                    listener.unsubscribed(announced.change());
                }
            } catch (RuntimeException e) {
                log.warn("Presence listener {} failed", listener, e);
            }
        }
    }

    /** One announcement as {@link PresenceStore}'s scripts write it. */
    record Announced(boolean subscribed, PresenceChange change) {

        static @Nullable Announced parse(String text) {
            String[] parts = text.split("\n", 5);
            if (parts.length != 5 || !(parts[0].equals("+") || parts[0].equals("-")) || parts[4].isEmpty()
                    || !parts[3].matches("\\d{1,9}")) {
                return null;
            }
            String user = parts[4].charAt(0) == '+' ? parts[4].substring(1) : null;
            if (user == null && !parts[4].equals("-")) {
                return null;
            }
            return new Announced(parts[0].equals("+"),
                    new PresenceChange(parts[1], user, parts[2], Integer.parseInt(parts[3])));
        }
    }
}
