package dev.sseboot.core.fuzz;

import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.core.wire.SseParser;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Whatever bytes a server (or an attacker in the middle) sends, the parser either reports what the
 * stream says or stops with the one documented exception, the size bound; it never loops, never
 * grows past its bound, and never reports a field value with a line break in it.
 */
class ParserFuzzTest {

    /** Far more than any input here needs; a parser that loops would hit it. */
    private static final Duration NO_LOOP = Duration.ofSeconds(10);

    @Property(tries = 3000)
    void anyBytesParseOrHitTheSizeBoundAndNothingElse(@ForAll("streams") byte[] bytes,
            @ForAll @IntRange(min = 1, max = 2048) int maxEventBytes, @ForAll("chunkSizes") List<Integer> chunks) {
        Outcome outcome = assertTimeoutPreemptively(NO_LOOP, () -> parse(bytes, maxEventBytes, chunks, false));

        // Both outcomes must be common, or the property says little about one of them.
        Statistics.label("outcome").collect(outcome.failure == null ? "parsed" : "size bound")
                .coverage(coverage -> {
                    coverage.check("parsed").percentage(p -> p > 20);
                    coverage.check("size bound").percentage(p -> p > 5);
                });
        Statistics.label("events").collect(outcome.events.isEmpty() ? "none" : "some")
                .coverage(coverage -> coverage.check("some").percentage(p -> p > 5));
        if (outcome.failure != null) {
            assertThat(outcome.failure).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("longer than " + maxEventBytes + " bytes");
        }
        for (SseEvent event : outcome.events) {
            // The bound holds for what was kept: the data of one event, and every line.
            assertThat(event.data().length()).isLessThanOrEqualTo(maxEventBytes);
            assertThat(event.id().length()).isLessThanOrEqualTo(maxEventBytes);
            // The type is the stream's (one line, so bounded) or the default "message".
            assertThat(event.event().length()).isLessThanOrEqualTo(Math.max(maxEventBytes, "message".length()));
            // Lines end at CR, LF and CRLF, so no field value can hold one; ids with NUL are ignored.
            assertThat(event.id()).doesNotContain("\r", "\n", "\u0000");
            assertThat(event.event()).doesNotContain("\r", "\n");
            assertThat(event.event()).isNotEmpty();
        }
    }

    @Property(tries = 2000)
    void chunkingAndBufferKindNeverChangeTheOutcome(@ForAll("streams") byte[] bytes,
            @ForAll @IntRange(min = 1, max = 2048) int maxEventBytes, @ForAll("chunkSizes") List<Integer> chunks) {
        Outcome whole = parse(bytes, maxEventBytes, List.of(Math.max(1, bytes.length)), false);
        Outcome chunked = parse(bytes, maxEventBytes, chunks, false);
        Outcome direct = parse(bytes, maxEventBytes, chunks, true);

        assertThat(chunked.log).isEqualTo(whole.log);
        assertThat(direct.log).isEqualTo(whole.log);
        assertThat(chunked.failure == null).isEqualTo(whole.failure == null);
        assertThat(direct.failure == null).isEqualTo(whole.failure == null);
    }

    @Property(tries = 300)
    void largeRandomStreamsFinishInLinearTime(@ForAll("bigStreams") byte[] bytes) {
        Outcome outcome = assertTimeoutPreemptively(NO_LOOP,
                () -> parse(bytes, SseParser.DEFAULT_MAX_EVENT_BYTES, List.of(8192), false));
        if (outcome.failure != null) {
            assertThat(outcome.failure).isInstanceOf(IllegalStateException.class);
        }
    }

    private record Outcome(List<SseEvent> events, List<String> log, RuntimeException failure) {
    }

    private static Outcome parse(byte[] bytes, int maxEventBytes, List<Integer> chunkSizes, boolean directBuffers) {
        List<SseEvent> events = new ArrayList<>();
        List<String> log = new ArrayList<>();
        SseParser parser = new SseParser(new SseParser.Handler() {
            @Override
            public void onEvent(SseEvent event) {
                events.add(event);
                log.add("event " + event);
            }

            @Override
            public void onRetry(long millis) {
                log.add("retry " + millis);
            }

            @Override
            public void onComment(String text) {
                log.add("comment " + text);
            }
        }, maxEventBytes, "");
        try {
            int offset = 0;
            for (int chunk = 0; offset < bytes.length; chunk++) {
                int size = Math.min(chunkSizes.get(chunk % chunkSizes.size()), bytes.length - offset);
                if (directBuffers) {
                    ByteBuffer buffer = ByteBuffer.allocateDirect(size);
                    buffer.put(bytes, offset, size).flip();
                    parser.feed(buffer);
                    assertThat(buffer.hasRemaining()).isFalse();
                } else {
                    parser.feed(Arrays.copyOfRange(bytes, offset, offset + size), 0, size);
                }
                offset += size;
            }
            parser.end();
            return new Outcome(events, log, null);
        } catch (RuntimeException e) {
            log.add("failed");
            return new Outcome(events, log, e);
        }
    }

    @Provide
    Arbitrary<List<Integer>> chunkSizes() {
        return Arbitraries.integers().between(1, 64).list().ofMinSize(1).ofMaxSize(8);
    }

    /** Any bytes, and byte soup rich in what the parser reacts to, in about equal measure. */
    @Provide
    Arbitrary<byte[]> streams() {
        Arbitrary<byte[]> anyBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(1024);
        Arbitrary<byte[]> interesting = Arbitraries.of("\r", "\n", "\r\n", "\n\n", ":", ": ", " ", "data", "data:",
                        "event:", "id:", "retry:", "\u0000", "\uFEFF", "0", "99999999999999999999999", "\u00e9",
                        "\ud83d\ude00", "\uFFFD", "data: x\n", "data\n\n", "event: e\n", "id: 7\n", "\r\n\r\n")
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(6);
        Arbitrary<byte[]> runs = Arbitraries.of((byte) 'x', (byte) 0xE2, (byte) '\r', (byte) ' ')
                .flatMap(b -> Arbitraries.integers().between(1, 400).map(n -> {
                    byte[] run = new byte[n];
                    Arrays.fill(run, b);
                    return run;
                }));
        Arbitrary<byte[]> soup = Arbitraries.frequencyOf(Tuple.of(6, interesting), Tuple.of(3, raw), Tuple.of(1, runs))
                .list().ofMaxSize(200).map(ParserFuzzTest::concat);
        return Arbitraries.oneOf(anyBytes, soup);
    }

    /** Streams of up to 2 MB: long lines and events near and past the default bound. */
    @Provide
    Arbitrary<byte[]> bigStreams() {
        Arbitrary<byte[]> parts = Arbitraries.of("data: ", "\n", "\r", ":", "x", "id: 1\n\n")
                .flatMap(s -> Arbitraries.integers().between(1, 60_000).map(n -> s.repeat(Math.max(1, n / s.length()))))
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        return parts.list().ofMaxSize(40).map(ParserFuzzTest::concat);
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
