package dev.sseboot.core.hub;

import dev.sseboot.core.wire.SseFrame;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client's stream, on one channel or multiplexed over several ({@link Multiplex}): its bounded
 * queue and its drain. Publishers only enqueue here and, when no drain is pending, hand one to the
 * executor; the drain writes everything queued in one {@link SseSink#write} (one write, one flush).
 * So a slow client costs its own queue and, at worst, one drain thread, never a publisher's time or
 * another client's latency.
 */
final class Connection implements Subscription {

    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    private final SseHub hub;
    private final long id;
    private final String channel;
    /** What a multiplexed stream subscribed to and where it stands; {@code null} for a single-channel stream. */
    private final @Nullable Multiplex multiplex;
    private final @Nullable String user;
    private final SseSink sink;
    private final int capacity;
    private final SlowConsumerPolicy policy;

    // Guarded by this. Sized for an idle stream, which holds one or two events at a time (the
    // default size would keep 17 slots each for every idle stream); they grow when a batch does.
    private final ArrayDeque<Outgoing> replayQueue = new ArrayDeque<>(1);
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>(1);
    /** Every stream first takes its position (a replay or the channel's head); live events wait meanwhile. */
    private boolean replaying = true;
    private long skipThroughPosition = -1;
    private boolean draining;
    private boolean closing;
    private @Nullable CloseReason closeReason;
    private boolean closed;
    /** The write under way outlived the write timeout and the hub gave its drain thread a stand-in. */
    private boolean writeStuckCounted;

    private volatile boolean writing;
    private volatile long writeStartedNanos;
    private volatile long lastActivityNanos;
    private volatile long lastEventNanos;
    /** When the last disconnect probe was queued; guarded by this. Not activity: a probe never delays a heartbeat. */
    private long lastProbeNanos;
    private final AtomicBoolean sinkClosed = new AtomicBoolean();
    private final Announcement announcement = new Announcement();
    /** One task for every drain of this stream, not a new one per event handed to the executor. */
    private final Runnable drainTask = this::drain;

    /** A single-channel stream. */
    Connection(SseHub hub, long id, String channel, @Nullable String user, SseSink sink, long nowNanos) {
        this(hub, id, channel, null, user, sink, nowNanos);
    }

    /** A multiplexed stream; its {@link #channel()} is its first entry. */
    Connection(SseHub hub, long id, Multiplex multiplex, @Nullable String user, SseSink sink, long nowNanos) {
        this(hub, id, multiplex.entries().get(0), multiplex, user, sink, nowNanos);
    }

    private Connection(SseHub hub, long id, String channel, @Nullable Multiplex multiplex, @Nullable String user,
            SseSink sink, long nowNanos) {
        this.hub = hub;
        this.id = id;
        this.channel = channel;
        this.multiplex = multiplex;
        this.user = user;
        this.sink = sink;
        this.capacity = hub.settings().queueCapacity();
        this.policy = hub.settings().slowConsumerPolicy();
        this.lastActivityNanos = nowNanos;
        this.lastEventNanos = nowNanos;
    }

    @Override
    public long id() {
        return id;
    }

    /** The channel, or for a multiplexed stream its first entry (a channel or a pattern). */
    @Override
    public String channel() {
        return channel;
    }

    @Override
    public List<String> channels() {
        return multiplex == null ? List.of(channel) : multiplex.entries();
    }

    boolean isMultiplexed() {
        return multiplex != null;
    }

    /** What this multiplexed stream subscribed to; only for a multiplexed stream. */
    Multiplex multiplex() {
        if (multiplex == null) {
            throw new IllegalStateException(this + " is not multiplexed");
        }
        return multiplex;
    }

    @Override
    public @Nullable String user() {
        return user;
    }

    @Override
    public @Nullable String remoteAddress() {
        return sink.remoteAddress();
    }

    @Override
    public synchronized int queuedFrames() {
        return replayQueue.size() + queue.size();
    }

    @Override
    public synchronized boolean isOpen() {
        return !closed && !closing;
    }

    @Override
    public void close() {
        closeGracefully(CloseReason.SERVER_CLOSED, null);
    }

    @Override
    public void disconnected() {
        abort(CloseReason.CLIENT_GONE);
    }

    @Override
    public void ready() {
        start();
    }

    /**
     * Hands a frame to this client. Never blocks: when the queue is full the slow-consumer policy
     * decides, and while a write is stuck past the write timeout (with closeOnTimeout off) events
     * are skipped and counted.
     */
    void offer(Outgoing outgoing, long nowNanos) {
        boolean startDrain = false;
        boolean disconnect = false;
        DropReason dropped = null;
        synchronized (this) {
            if (closed || closing) {
                return;
            }
            if (covered(outgoing)) {
                return;
            }
            if (outgoing.message() && isWriteStuck(nowNanos)) {
                dropped = DropReason.WRITE_TIMEOUT;
            } else if (queue.size() >= capacity && policy == SlowConsumerPolicy.DISCONNECT) {
                disconnect = true;
            } else {
                if (queue.size() >= capacity && queue.removeFirst().message()) {
                    dropped = DropReason.QUEUE_FULL;
                }
                queue.addLast(outgoing);
                lastActivityNanos = nowNanos;
                if (outgoing.message()) {
                    lastEventNanos = nowNanos;
                }
                startDrain = claimDrain();
            }
        }
        if (dropped != null) {
            hub.dropped(this, dropped);
        }
        if (disconnect) {
            abort(CloseReason.SLOW_CONSUMER);
        } else if (startDrain) {
            hub.startDrain(this);
        }
    }

    Runnable drainTask() {
        return drainTask;
    }

    /** Pairs what listeners hear of this stream's opening and closing. */
    Announcement announcement() {
        return announcement;
    }

    /** Control frames sent before anything else (the initial retry); they ignore the capacity. */
    synchronized void enqueueFirst(Outgoing outgoing) {
        replayQueue.addLast(outgoing);
    }

    /**
     * Ends the opening phase: the replayed events (or the gap event, or the id-only block naming the
     * head) go out first, then the live events that arrived meanwhile and are newer than the read.
     * Later duplicates of what the read covered are dropped by their position.
     *
     * @param coveredThroughPosition live events at or before it are dropped ({@code -1}: none)
     */
    void finishReplay(long coveredThroughPosition, List<Outgoing> replayed) {
        finishOpening(replayed, () -> skipThroughPosition = coveredThroughPosition);
    }

    /**
     * Ends the opening phase of a multiplexed stream, each channel with its own seam.
     *
     * @param coveredThrough per entry, live events of that channel at or before it are dropped ({@code -1}: none)
     * @param startPositions per entry, the position the opening block names
     */
    void finishReplay(long[] coveredThrough, String[] startPositions, List<Outgoing> replayed) {
        Multiplex entries = multiplex();
        finishOpening(replayed, () -> entries.start(coveredThrough, startPositions));
    }

    private void finishOpening(List<Outgoing> replayed, Runnable takePositions) {
        boolean startDrain;
        synchronized (this) {
            replaying = false;
            takePositions.run();
            replayQueue.addAll(replayed);
            queue.removeIf(this::covered);
            startDrain = claimDrain();
        }
        if (startDrain) {
            hub.startDrain(this);
        }
    }

    /** Whether the opening's read already covered this live event. Guarded by this. */
    private boolean covered(Outgoing outgoing) {
        if (outgoing.position() < 0) {
            return false;
        }
        return multiplex == null
                ? outgoing.position() <= skipThroughPosition
                : multiplex.covered(outgoing.source(), outgoing.position());
    }

    /** Starts writing what was queued before the stream went live (the initial retry), once the sink is ready. */
    void start() {
        boolean startDrain;
        synchronized (this) {
            startDrain = claimDrain();
        }
        if (startDrain) {
            hub.startDrain(this);
        }
    }

    // Guarded by this.
    private boolean claimDrain() {
        if (draining || replaying || !sink.isReady() || (queue.isEmpty() && replayQueue.isEmpty() && !closing)) {
            return false;
        }
        draining = true;
        return true;
    }

    /** Nothing queued and no write under way. */
    synchronized boolean isQuiet() {
        return !writing && !draining && queue.isEmpty() && replayQueue.isEmpty();
    }

    private boolean isWriteStuck(long nowNanos) {
        return writing && nowNanos - writeStartedNanos > hub.writeTimeoutNanos();
    }

    /** Runs on the drain executor: writes everything queued, batch after batch, until the queue is empty. */
    void drain() {
        while (true) {
            List<SseFrame> frames = null;
            // A multiplexed stream's batch, whose ids are made outside the monitor.
            List<Outgoing> sourced = null;
            int messages = 0;
            long oldestPublishedNanos = Long.MAX_VALUE;
            synchronized (this) {
                if (closed) {
                    draining = false;
                    return;
                }
                if (replayQueue.isEmpty() && queue.isEmpty()) {
                    draining = false;
                    if (!closing) {
                        return;
                    }
                } else {
                    int size = replayQueue.size() + queue.size();
                    if (multiplex == null) {
                        frames = new ArrayList<>(size);
                    } else {
                        sourced = new ArrayList<>(size);
                    }
                    for (ArrayDeque<Outgoing> source : List.of(replayQueue, queue)) {
                        for (Outgoing outgoing : source) {
                            if (frames != null) {
                                frames.add(outgoing.frame());
                            } else {
                                sourced.add(outgoing);
                            }
                            if (outgoing.message()) {
                                messages++;
                                oldestPublishedNanos = Math.min(oldestPublishedNanos, outgoing.publishedNanos());
                            }
                        }
                        source.clear();
                    }
                    writeStartedNanos = hub.nanoTime();
                    writing = true;
                }
            }
            if (sourced != null) {
                // Outside the monitor: publishers offering to this stream do not wait for its ids to be made.
                frames = multiplex.frames(sourced);
            }
            if (frames == null) {
                finishClose();
                return;
            }
            try {
                sink.write(frames);
            } catch (Exception e) {
                log.debug("Stream {} on channel '{}' failed to write; closing it: {}", id, channel, e.toString());
                writeEnded();
                abort(CloseReason.CLIENT_GONE);
                return;
            }
            writeEnded();
            if (messages > 0) {
                hub.delivered(this, messages, hub.nanoTime() - oldestPublishedNanos);
            }
        }
    }

    /** The write returned (or failed); a stand-in thread the hub added for it is no longer needed. */
    private void writeEnded() {
        boolean stuckCounted;
        synchronized (this) {
            writing = false;
            stuckCounted = writeStuckCounted;
            writeStuckCounted = false;
        }
        if (stuckCounted) {
            hub.stuckWriteReturned();
        }
    }

    /**
     * A write past the write timeout holds its drain thread until the transport gives up (a servlet
     * container's socket timeout, often 20 s or more), whatever the hub decides about the client.
     * Counted once per write, so the hub can give that thread a stand-in and the other clients do
     * not wait behind it.
     */
    private void countStuckWrite(long nowNanos) {
        synchronized (this) {
            if (!isWriteStuck(nowNanos) || writeStuckCounted) {
                return;
            }
            writeStuckCounted = true;
        }
        hub.writeStuck();
    }

    /** Called by the maintenance tick: write timeout, idle timeout and heartbeat. */
    void maintain(long nowNanos, Outgoing heartbeat) {
        if (writing && nowNanos - writeStartedNanos > hub.writeTimeoutNanos()) {
            countStuckWrite(nowNanos);
            if (hub.settings().closeOnTimeout() || isClosing()) {
                abort(CloseReason.WRITE_TIMEOUT);
            }
            return;
        }
        long idleNanos = hub.idleTimeoutNanos();
        if (idleNanos > 0 && nowNanos - lastEventNanos >= idleNanos) {
            closeGracefully(CloseReason.IDLE_TIMEOUT, null);
            return;
        }
        if (hub.heartbeatNanos() > 0) {
            sendHeartbeatIfQuiet(nowNanos, heartbeat);
        }
    }

    /** Check and enqueue in one step, so two maintenance runs never send two heartbeats. */
    private void sendHeartbeatIfQuiet(long nowNanos, Outgoing heartbeat) {
        boolean startDrain;
        synchronized (this) {
            if (nowNanos - lastActivityNanos < hub.heartbeatNanos() || !isIdle()) {
                return;
            }
            queue.addLast(heartbeat);
            lastActivityNanos = nowNanos;
            startDrain = claimDrain();
        }
        if (startDrain) {
            hub.startDrain(this);
        }
    }

    /**
     * Called by the hub's probe task: queues the probe when the sink cannot report a lost client
     * by itself and nothing was written or probed within the interval.
     *
     * @return whether a probe was queued
     */
    boolean probeIfQuiet(long nowNanos, Outgoing probe, long intervalNanos) {
        // A stream that was written to within the interval needs no probe, and the task looks at
        // every stream several times an interval: decided without the lock.
        if (nowNanos - lastActivityNanos < intervalNanos || !sink.needsDisconnectProbe()) {
            return false;
        }
        boolean startDrain;
        synchronized (this) {
            long since = Math.max(lastActivityNanos, lastProbeNanos);
            if (nowNanos - since < intervalNanos || !isIdle()) {
                return false;
            }
            queue.addLast(probe);
            lastProbeNanos = nowNanos;
            startDrain = claimDrain();
        }
        if (startDrain) {
            hub.startDrain(this);
        }
        return true;
    }

    // Guarded by this.
    private boolean isIdle() {
        return !closed && !closing && !writing && !replaying && queue.isEmpty() && replayQueue.isEmpty();
    }

    private synchronized boolean isClosing() {
        return closing;
    }

    /** Writes what is queued plus the final frame, then ends the stream. */
    void closeGracefully(CloseReason reason, @Nullable Outgoing finalFrame) {
        boolean startDrain;
        synchronized (this) {
            if (closed || closing) {
                return;
            }
            closing = true;
            closeReason = reason;
            if (finalFrame != null) {
                queue.addLast(finalFrame);
            }
            startDrain = claimDrain();
        }
        if (startDrain) {
            hub.startDrain(this);
        }
    }

    private void finishClose() {
        CloseReason reason;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            reason = closeReason;
        }
        hub.removed(this, reason);
        closeSink();
    }

    /** Ends the stream now, dropping whatever is queued; the sink is closed off the calling thread. */
    void abort(CloseReason reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            closeReason = reason;
            queue.clear();
            replayQueue.clear();
        }
        hub.removed(this, reason);
        hub.closeSinkAsync(this);
    }

    void closeSink() {
        if (sinkClosed.compareAndSet(false, true)) {
            try {
                sink.close();
            } catch (RuntimeException e) {
                log.debug("Closing stream {} on channel '{}' failed: {}", id, channel, e.toString());
            }
        }
    }

    @Override
    public String toString() {
        String on = multiplex == null ? "'" + channel + "'" : String.join(", ", multiplex.entries());
        return "Subscription[" + id + " on " + on + (user == null ? "" : " for " + user) + "]";
    }
}
