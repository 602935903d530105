package dev.sseboot.spring;

import dev.sseboot.core.hub.CloseReason;
import dev.sseboot.core.hub.SseHubListener;
import dev.sseboot.core.hub.Subscription;
import org.springframework.context.ApplicationEventPublisher;

/** Turns the hub's subscribe and close notifications into application events. */
public final class SubscriptionEventPublisher implements SseHubListener {

    private final ApplicationEventPublisher publisher;

    public SubscriptionEventPublisher(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void subscribed(Subscription subscription) {
        publisher.publishEvent(new SseSubscribedEvent(subscription.id(), subscription.channel(),
                subscription.channels(), subscription.user(), subscription.remoteAddress()));
    }

    @Override
    public void closed(Subscription subscription, CloseReason reason) {
        publisher.publishEvent(new SseUnsubscribedEvent(subscription.id(), subscription.channel(), subscription.channels(),
                subscription.user(), subscription.remoteAddress(), reason));
    }
}
