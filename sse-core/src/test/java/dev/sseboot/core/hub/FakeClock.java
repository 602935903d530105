package dev.sseboot.core.hub;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A nano clock that moves only when a test says so, and a hub built on it whose maintenance runs
 * only when the test calls {@link SseHub#runMaintenance()}: a background tick would see the clock
 * jump in the middle of a write and take it for a stuck one.
 */
class FakeClock implements LongSupplier {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final ScheduledThreadPoolExecutor manualScheduler = new ScheduledThreadPoolExecutor(1) {
        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
            return schedule(() -> { }, 365, TimeUnit.DAYS);
        }
    };

    @Override
    public long getAsLong() {
        return now.get();
    }

    void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    SseHub.Builder hub(SseSettings settings) {
        return SseHub.builder().settings(settings).nanoClock(this).scheduler(manualScheduler);
    }
}
