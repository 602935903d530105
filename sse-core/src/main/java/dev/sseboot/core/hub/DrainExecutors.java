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
 * so the queue never holds more tasks than there are connections. A thread stuck in a write past the
 * write timeout gets a stand-in ({@link #resize}) until its write returns, so stuck clients never
 * use up the pool.
 */
final class DrainExecutors {

    /** Writes that run at once on the JDK 17 pool; a write stuck past the write timeout does not count. */
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

    /**
     * Grows the platform pool by {@code delta} threads, or shrinks it back with a negative one. A
     * thread stuck in a write past the write timeout is replaced this way instead of counting
     * against the bound. Does nothing to other executors (virtual threads need no stand-in).
     */
    static void resize(ExecutorService executor, int delta) {
        if (!(executor instanceof ThreadPoolExecutor pool)) {
            return;
        }
        synchronized (pool) {
            int size = pool.getCorePoolSize() + delta;
            // The core size may never exceed the maximum: raise the maximum first, lower it last.
            if (delta > 0) {
                pool.setMaximumPoolSize(size);
                pool.setCorePoolSize(size);
            } else {
                pool.setCorePoolSize(size);
                pool.setMaximumPoolSize(size);
            }
        }
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
