package dev.sseboot.web;

import dev.sseboot.core.hub.SseHub;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Ends every stream before the web server shuts down gracefully: each gets the short shutdown
 * retry and is completed, so clients reconnect (elsewhere) at once and graceful shutdown does not
 * wait for streams that would otherwise never end. The hub itself keeps running until its bean is
 * destroyed, because a stopped context may be started again (Spring's test context pausing does
 * exactly that), and because scheduled publishers may still run until then.
 */
public class SseShutdownLifecycle implements SmartLifecycle {

    /** Stops before the graceful shutdown of the web server (a higher phase stops earlier). */
    public static final int PHASE = WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE + 1;

    private final SseHub hub;
    private volatile boolean running;

    public SseShutdownLifecycle(SseHub hub) {
        this.hub = hub;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        hub.endAllStreams();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
