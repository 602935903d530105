package dev.sseboot.autoconfigure.reliability;

import dev.sseboot.spring.SsePublisher;
import dev.sseboot.core.hub.SseHub;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that stop reading, read one byte a second, or vanish without a FIN share a channel with
 * healthy clients. The stalled ones must cost only their own queue: they are dropped within the
 * write timeout, the healthy ones keep their latency, and what waits in memory stays bounded by
 * the queue capacity.
 */
@SpringBootTest(classes = ReliabilityTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "sse.write-timeout=1s",
                "sse.queue-capacity=64",
                "sse.heartbeat=500ms",
                "sse.replay.size=8",
                // The bursts are of 256 KB events, to fill socket buffers fast.
                "sse.max-event-size=1MB"})
@ExtendWith(OutputCaptureExtension.class)
abstract class StalledClientsTest {

    private static final String CHANNEL = "stall";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(1);
    /** The maintenance tick (a quarter of the write timeout) plus room for a box shared with other builds. */
    private static final Duration DROP_SLACK = Duration.ofSeconds(3);

    /** Together more than the JDK 17 drain pool's 16 threads: stuck writes must not starve the others. */
    private static final int NEVER_READ = 8;
    private static final int STOP_READING = 6;
    private static final int TRICKLE = 4;
    private static final int STALLED = NEVER_READ + STOP_READING + TRICKLE;
    private static final int HEALTHY = 3;

    /** 32 events of 256 KB: 8 MB per client, twice what loopback socket buffers absorb, yet under the queue capacity. */
    private static final int BURST = 32;
    private static final String PADDING = "x".repeat(256 * 1024);
    private static final int TICKS = 60;
    private static final Duration TICK_EVERY = Duration.ofMillis(50);
    /** Generous: a healthy client on an idle box sees single-digit milliseconds; starvation would show as seconds. */
    private static final Duration HEALTHY_LATENCY_BOUND = Duration.ofMillis(2_500);

    @LocalServerPort
    int port;

    @Autowired
    SsePublisher publisher;

    @Autowired
    SseHub hub;

    @Autowired
    MeterRegistry registry;

    @Test
    void stalledClientsAreDroppedWithinTheWriteTimeoutWhileHealthyOnesKeepTheirLatency(CapturedOutput output)
            throws Exception {
        List<TimedClient> healthy = new ArrayList<>();
        List<RawStream> stalled = new ArrayList<>();
        List<Thread> tricklers = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger maxQueued = new AtomicInteger();
        Thread monitor = new Thread(() -> {
            while (!stop.get()) {
                maxQueued.accumulateAndGet(hub.queuedFrames().getOrDefault(CHANNEL, 0), Math::max);
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "queue-monitor");
        double timedOutBefore = closed("write_timeout");
        try {
            for (int i = 0; i < HEALTHY; i++) {
                TimedClient client = TimedClient.connect(URI.create("http://localhost:" + port + "/events/" + CHANNEL));
                client.awaitOpen(WAIT);
                healthy.add(client);
            }
            for (int i = 0; i < NEVER_READ; i++) {
                // Sends its request, then neither reads nor closes: a client whose host vanished.
                stalled.add(RawStream.get(port, "/events/" + CHANNEL, 4096));
            }
            for (int i = 0; i < STOP_READING + TRICKLE; i++) {
                RawStream stream = RawStream.get(port, "/events/" + CHANNEL, 4096);
                stream.readUntil("retry:", WAIT);
                stalled.add(stream);
            }
            for (RawStream trickler : stalled.subList(NEVER_READ + STOP_READING, STALLED)) {
                Thread thread = new Thread(() -> {
                    try {
                        while (!stop.get()) {
                            trickler.readOneByte(Duration.ofMillis(50));
                            Thread.sleep(1_000);
                        }
                    } catch (Exception e) {
                        // The server ended the connection: this client was dropped, as it should be.
                    }
                }, "trickler");
                thread.setDaemon(true);
                thread.start();
                tricklers.add(thread);
            }
            Await.until("every client subscribed", WAIT, () -> hub.subscriberCount(CHANNEL) == HEALTHY + STALLED,
                    () -> hub.subscriberCount(CHANNEL));
            monitor.start();

            for (int i = 0; i < BURST; i++) {
                publisher.publish(CHANNEL, "burst " + i + " " + System.nanoTime() + " " + PADDING);
            }
            long burstEnd = System.nanoTime();
            Await.until("the stalled clients to be dropped", WAIT, () -> hub.subscriberCount(CHANNEL) == HEALTHY,
                    () -> hub.subscriberCount(CHANNEL) + " subscribers; drain threads:" + drainThreads());
            Duration dropTime = Duration.ofNanos(System.nanoTime() - burstEnd);
            for (TimedClient client : healthy) {
                client.awaitCount(BURST, WAIT);
            }

            // The stalled clients' writes may stay blocked in the container for a long while after
            // the hub gave up on them; the healthy ones must not wait behind them.
            for (int i = 0; i < TICKS; i++) {
                publisher.publish(CHANNEL, "tick " + i + " " + System.nanoTime());
                Thread.sleep(TICK_EVERY.toMillis());
            }
            long worst = 0;
            for (TimedClient client : healthy) {
                client.awaitCount(BURST + TICKS, WAIT);
                for (TimedClient.Received received : client.received().subList(BURST, BURST + TICKS)) {
                    long published = Long.parseLong(received.event().data().split(" ")[2]);
                    worst = Math.max(worst, received.receivedNanos() - published);
                }
                assertThat(client.received()).extracting(r -> r.event().data().split(" ", 3)[0] + " "
                                + r.event().data().split(" ", 3)[1])
                        .as("every event, in order, none lost")
                        .containsExactlyElementsOf(expectedSequence());
                assertThat(client.opens()).as("the healthy client was never cut").isEqualTo(1);
            }
            stop.set(true);
            monitor.join(5_000);

            Report.record("stalls.stalledClients", STALLED);
            Report.record("stalls.healthyClients", HEALTHY);
            Report.record("stalls.dropMillis", dropTime.toMillis());
            Report.record("stalls.worstHealthyLatencyMillis", Duration.ofNanos(worst).toMillis());
            Report.record("stalls.maxQueuedFrames", maxQueued.get());

            assertThat(dropTime).as("time from the burst to the last stalled client dropped")
                    .isLessThanOrEqualTo(WRITE_TIMEOUT.plus(DROP_SLACK));
            assertThat(Duration.ofNanos(worst)).as("worst publish-to-receive latency of a healthy client")
                    .isLessThan(HEALTHY_LATENCY_BOUND);
            assertThat(maxQueued.get()).as("frames queued on the channel at any moment")
                    .isLessThanOrEqualTo(hub.settings().queueCapacity() * (STALLED + HEALTHY));
            assertThat(closed("write_timeout") - timedOutBefore).as("streams closed for a write timeout")
                    .isEqualTo(STALLED);
        } finally {
            stop.set(true);
            healthy.forEach(TimedClient::close);
            stalled.forEach(RawStream::abort);
            for (Thread thread : tricklers) {
                thread.join(5_000);
            }
        }
        assertThat(output.getOut()).doesNotContain(" ERROR ").doesNotContain("\tat ");
    }

    private static List<String> expectedSequence() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            expected.add("burst " + i);
        }
        for (int i = 0; i < TICKS; i++) {
            expected.add("tick " + i);
        }
        return expected;
    }

    /** Where the drain threads are, for a failure message: stuck writes show up here. */
    private static String drainThreads() {
        StringBuilder out = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().startsWith("sse-drain-")) {
                out.append('\n').append(thread.getName()).append(' ').append(thread.getState());
                for (int i = 0; i < Math.min(stack.length, 4); i++) {
                    out.append("\n    at ").append(stack[i]);
                }
            }
        });
        return out.toString();
    }

    private double closed(String reason) {
        var counter = registry.find("sse.connections.closed").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
