package dev.sseboot.spring;

import dev.sseboot.core.presence.PresenceChange;
import dev.sseboot.core.presence.PresenceListener;
import org.springframework.context.ApplicationEventPublisher;

/** Turns the presence's changes into {@link SseFleetSubscribedEvent}s and {@link SseFleetUnsubscribedEvent}s. */
public final class FleetEventPublisher implements PresenceListener {

    private final ApplicationEventPublisher publisher;

    public FleetEventPublisher(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void subscribed(PresenceChange change) {
        publisher.publishEvent(new SseFleetSubscribedEvent(change.channel(), change.user(), change.instance(),
                change.streams()));
    }

    @Override
    public void unsubscribed(PresenceChange change) {
        publisher.publishEvent(new SseFleetUnsubscribedEvent(change.channel(), change.user(), change.instance(),
                change.streams()));
    }
}
