package dev.sseboot.core.hub;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor that writes to clients: one virtual thread per drain when the JVM has them
 * (21+), so a client stuck in a blocking write holds no platform thread; otherwise a bounded pool.
 * The pool's queue needs no bound of its own: a connection has at most one drain queued or running,
 * so the queue never holds more tasks than there are connections.
 */
final class DrainExecutors {

    /** Writes stuck at once before other clients wait on the JDK 17 pool; each is ended by the write timeout. */
    static final int PLATFORM_POOL_SIZE = Math.max(16, 8 * Runtime.getRuntime().availableProcessors());

    private DrainExecutors() {
    }

    static ExecutorService create() {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (NoSuchMethodException beforeJava21) {
            return platformPool();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create the virtual-thread executor", e);
        }
    }

    static ExecutorService platformPool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(PLATFORM_POOL_SIZE, PLATFORM_POOL_SIZE, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads("sse-drain-"));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
