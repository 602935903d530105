package dev.sseboot.core.hub;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds a test's hubs on one fake clock, without heartbeats, and shuts every one of them down after the test. */
final class Hubs implements AfterEachCallback {

    private final FakeClock clock = new FakeClock();
    private final List<SseHub> built = new ArrayList<>();

    SseHub with(SseSettings.Builder settings) {
        return with(clock.hub(settings.heartbeat(Duration.ZERO).build()));
    }

    SseHub with(SseHub.Builder builder) {
        SseHub hub = builder.build();
        built.add(hub);
        return hub;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        built.forEach(SseHub::shutdown);
    }
}
