package dev.sseboot.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The examples of the WHATWG HTML standard, section "Server-sent events": each stream parses to
 * the events the standard describes, and the messages that mean the same encode to a stream that
 * parses to the same events.
 */
class SseSpecExamplesTest {

    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of("stock ticker: three data lines make one event",
                        "data: YHOO\ndata: +2\ndata: 10\n\n",
                        List.of(SseMessage.of("YHOO\n+2\n10")),
                        List.of(new SseEvent("", "message", "YHOO\n+2\n10")),
                        List.of(), ""),
                Arguments.of("comment, id set then reset by a bare id, a data value keeping its second space",
                        ": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n",
                        List.of(SseMessage.comment("test stream"),
                                SseMessage.builder().id("1").data("first event").build(),
                                SseMessage.builder().id("").data("second event").build(),
                                SseMessage.of(" third event")),
                        List.of(new SseEvent("1", "message", "first event"),
                                new SseEvent("", "message", "second event"),
                                new SseEvent("", "message", " third event")),
                        List.of("test stream"), ""),
                Arguments.of("bare data lines: empty data, one newline, and a last block never dispatched",
                        "data\n\ndata\ndata\n\ndata:",
                        List.of(SseMessage.of(""), SseMessage.of("\n")),
                        List.of(new SseEvent("", "message", ""), new SseEvent("", "message", "\n")),
                        List.of(), ""),
                Arguments.of("one space after the colon is optional",
                        "data:test\n\ndata: test\n\n",
                        List.of(SseMessage.of("test"), SseMessage.of("test")),
                        List.of(new SseEvent("", "message", "test"), new SseEvent("", "message", "test")),
                        List.of(), ""),
                Arguments.of("named events",
                        "event: add\ndata: 73857293\n\nevent: remove\ndata: 2153\n\nevent: add\ndata: 113411\n\n",
                        List.of(SseMessage.builder().event("add").data("73857293").build(),
                                SseMessage.builder().event("remove").data("2153").build(),
                                SseMessage.builder().event("add").data("113411").build()),
                        List.of(new SseEvent("", "add", "73857293"), new SseEvent("", "remove", "2153"),
                                new SseEvent("", "add", "113411")),
                        List.of(), ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void parsesTheStandardsExample(String name, String stream, List<SseMessage> messages, List<SseEvent> events,
            List<String> comments, String lastEventId) {
        RecordingHandler handler = new RecordingHandler();
        SseParser parser = new SseParser(handler);
        parser.feed(stream);
        parser.end();

        assertThat(handler.events).containsExactlyElementsOf(events);
        assertThat(handler.comments).containsExactlyElementsOf(comments);
        assertThat(parser.lastEventId()).isEqualTo(lastEventId);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void encodesTheExamplesMessagesToTheSameEvents(String name, String stream, List<SseMessage> messages,
            List<SseEvent> events, List<String> comments, String lastEventId) throws IOException {
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        for (SseMessage message : messages) {
            SseEncoder.encode(message).writeTo(encoded);
        }

        RecordingHandler handler = RecordingHandler.parse(encoded.toByteArray());

        assertThat(handler.events).containsExactlyElementsOf(events);
        assertThat(handler.comments).containsExactlyElementsOf(comments);
    }

    @Test
    void encodesTheStockTickerExactlyAsTheStandardWritesIt() {
        assertThat(SseEncoder.encode(SseMessage.of("YHOO\n+2\n10")).toString())
                .isEqualTo("data: YHOO\ndata: +2\ndata: 10\n\n");
    }

    @Test
    void anEmptyIdResetsTheLastEventIdAsTheStandardsExampleDoes() {
        assertThat(SseEncoder.encode(SseMessage.builder().id("").data("second event").build()).toString())
                .isEqualTo("id:\ndata: second event\n\n");
    }

    @Test
    void theStandardsLastEventIsNotDispatchedWithoutItsBlankLine() {
        RecordingHandler handler = RecordingHandler.parse("data: first event\nid: 1\n\ndata:  third event\n");

        assertThat(handler.events).containsExactly(new SseEvent("1", "message", "first event"));
    }
}
