package dev.sseboot.web.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sseboot.core.wire.SseEncoder;
import dev.sseboot.core.wire.SseFrame;
import dev.sseboot.core.wire.SseMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

/** A stream hands the server one batch at a time: the next only once the server has written the last. */
class ResponseSinkTest {

    private static final Duration BOUND = Duration.ofSeconds(5);

    private final HeldWrites connection = new HeldWrites();
    private final ResponseSink sink = new ResponseSink(DefaultDataBufferFactory.sharedInstance, "127.0.0.1", null,
            connection);
    private final List<Publisher<DataBuffer>> handedOver = new CopyOnWriteArrayList<>();

    ResponseSinkTest() {
        sink.subscribe(collectingInto(handedOver));
    }

    @Test
    void aWriteReturnsOnlyOnceTheServerWroteTheBatch() throws Exception {
        CompletableFuture<Void> write = CompletableFuture.runAsync(() -> write(frames("a", "b")));

        await().atMost(BOUND).until(() -> handedOver.size() == 1);
        assertThat(write).isNotDone();

        connection.written.get(0).run();
        write.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        assertThat(connection.batches).containsExactly(List.of("a", "b"));
    }

    @Test
    void aStreamClosedWhileItsBatchIsInFlightFailsTheWrite() {
        CompletableFuture<Void> write = CompletableFuture.runAsync(() -> write(frames("a")));
        await().atMost(BOUND).until(() -> handedOver.size() == 1);

        sink.close();

        assertThat(write).failsWithin(BOUND).withThrowableOfType(ExecutionException.class)
                .havingRootCause().isInstanceOf(IOException.class);
        assertThat(connection.aborted).isTrue();
    }

    @Test
    void aServerThatCannotTellWhenItWroteTakesTheNextBatchAtOnce() throws IOException {
        ResponseSink plain = new ResponseSink(DefaultDataBufferFactory.sharedInstance, "127.0.0.1", null,
                new ResponseConnection());
        List<Publisher<DataBuffer>> batches = new CopyOnWriteArrayList<>();
        plain.subscribe(collectingInto(batches));

        plain.write(frames("a"));
        plain.write(frames("b"));

        assertThat(batches).hasSize(2);
    }

    /** The server's side of the body: asks for every batch and keeps them. */
    private static Subscriber<Publisher<DataBuffer>> collectingInto(List<Publisher<DataBuffer>> batches) {
        return new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Publisher<DataBuffer> batch) {
                batches.add(batch);
            }

            @Override
            public void onError(Throwable error) {
            }

            @Override
            public void onComplete() {
            }
        };
    }

    private void write(List<SseFrame> frames) {
        try {
            sink.write(frames);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<SseFrame> frames(String... data) {
        return Arrays.stream(data).map(value -> SseEncoder.encode(SseMessage.of(value))).toList();
    }

    /** A connection whose server has not written anything until the test says so. */
    private static final class HeldWrites extends ResponseConnection {

        final List<Runnable> written = new CopyOnWriteArrayList<>();
        final List<List<String>> batches = new CopyOnWriteArrayList<>();
        volatile boolean aborted;

        @Override
        Publisher<DataBuffer> batch(DataBufferFactory buffers, List<SseFrame> frames, Runnable written) {
            this.written.add(written);
            batches.add(frames.stream().map(frame -> frame.toString().replace("data: ", "").trim()).toList());
            return super.batch(buffers, frames, () -> { });
        }

        @Override
        void abort() {
            aborted = true;
        }
    }
}
