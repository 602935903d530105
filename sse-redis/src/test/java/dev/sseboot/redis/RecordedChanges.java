package dev.sseboot.redis;

import dev.sseboot.core.presence.PresenceChange;
import dev.sseboot.core.presence.PresenceListener;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every presence change a listener heard, in order, as {@code +channel user @instance streams} (or {@code -…}). */
final class RecordedChanges implements PresenceListener {

    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final List<PresenceChange> unsubscribed = new CopyOnWriteArrayList<>();

    static String line(boolean subscribed, PresenceChange change) {
        return (subscribed ? "+" : "-") + change.channel() + " " + change.user() + " @" + change.instance() + " "
                + change.streams();
    }

    @Override
    public void subscribed(PresenceChange change) {
        heard.add(line(true, change));
    }

    @Override
    public void unsubscribed(PresenceChange change) {
        heard.add(line(false, change));
        unsubscribed.add(change);
    }

    List<String> heard() {
        return List.copyOf(heard);
    }

    List<PresenceChange> unsubscribed() {
        return List.copyOf(unsubscribed);
    }
}
