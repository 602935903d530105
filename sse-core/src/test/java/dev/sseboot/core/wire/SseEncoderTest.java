package dev.sseboot.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SseEncoderTest {

    private static String encode(SseMessage message) {
        return SseEncoder.encode(message).toString();
    }

    @Test
    void writesCommentIdEventRetryAndDataInOrder() {
        SseMessage message = SseMessage.builder().comment("hi\nthere").id("7").event("update")
                .retry(Duration.ofMillis(1500)).data("a\r\nb\rc\nd").build();

        assertThat(encode(message)).isEqualTo(
                ": hi\n: there\nid: 7\nevent: update\nretry: 1500\ndata: a\ndata: b\ndata: c\ndata: d\n\n");
    }

    @Test
    void aBodyAndABlockEndMakeTheSameEventWithTheIdLast() {
        SseMessage message = SseMessage.builder().comment("hi").id("7").event("update")
                .retry(Duration.ofMillis(1500)).data("a\nb").build();

        String body = SseEncoder.encodeBody(message).toString();
        String end = SseEncoder.encodeBlockEnd("news|7,%2C").toString();

        assertThat(body).isEqualTo(": hi\nevent: update\nretry: 1500\ndata: a\ndata: b\n");
        assertThat(end).isEqualTo("id: news|7,%2C\n\n");
        assertThat(SseEncoder.encodeBody(SseMessage.builder().id("only").build()).size()).isZero();
        assertThat(SseEncoder.encodeBlockEnd("").toString()).isEqualTo("id:\n\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nid: 9", "a\rb", "a\u0000b"})
    void aBlockEndRefusesWhatWouldEndTheIdLine(String id) {
        assertThatThrownBy(() -> SseEncoder.encodeBlockEnd(id)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyDataIsOneEmptyDataLine() {
        assertThat(encode(SseMessage.of(""))).isEqualTo("data:\n\n");
    }

    @Test
    void emptyLinesOfDataAreEmptyDataLines() {
        assertThat(encode(SseMessage.of("\n"))).isEqualTo("data:\ndata:\n\n");
        assertThat(encode(SseMessage.of("a\r\n\r\nb"))).isEqualTo("data: a\ndata:\ndata: b\n\n");
    }

    @Test
    void aTrailingLineEndSurvivesTheRoundTrip() {
        String frame = encode(SseMessage.of("x\n"));

        assertThat(frame).isEqualTo("data: x\ndata:\n\n");
        assertThat(RecordingHandler.parse(frame).events).containsExactly(new SseEvent("", "message", "x\n"));
    }

    @Test
    void leadingAndTrailingSpacesSurviveTheRoundTrip() {
        SseMessage message = SseMessage.builder().id(" 1 ").event(" e ").data("  two leading, one trailing ")
                .comment(" c ").build();

        RecordingHandler handler = RecordingHandler.parse(encode(message));

        assertThat(handler.events).containsExactly(new SseEvent(" 1 ", " e ", "  two leading, one trailing "));
        assertThat(handler.comments).containsExactly(" c ");
    }

    @Test
    void aMessageWithoutDataIsAControlFrameThatDispatchesNothing() {
        SseMessage message = SseMessage.builder().id("5").retry(Duration.ofSeconds(2)).build();

        assertThat(encode(message)).isEqualTo("id: 5\nretry: 2000\n\n");
        RecordingHandler handler = new RecordingHandler();
        SseParser parser = new SseParser(handler);
        parser.feed(encode(message));
        assertThat(handler.events).isEmpty();
        assertThat(handler.retries).containsExactly(2000L);
        assertThat(parser.lastEventId()).isEqualTo("5");
    }

    @Test
    void anEmptyCommentIsABareColon() {
        assertThat(encode(SseMessage.comment(""))).isEqualTo(":\n\n");
        assertThat(encode(SseMessage.comment("a\r\n"))).isEqualTo(": a\n:\n\n");
    }

    @Test
    void theFrameIsUtf8AndCarriesTheMessageId() {
        SseFrame frame = SseEncoder.encode(SseMessage.builder().id("é1").data("😀 €").build());

        assertThat(frame.id()).isEqualTo("é1");
        byte[] expected = "id: é1\ndata: 😀 €\n\n".getBytes(StandardCharsets.UTF_8);
        assertThat(frame.size()).isEqualTo(expected.length);
        byte[] actual = new byte[frame.size()];
        frame.asByteBuffer().get(actual);
        assertThat(actual).isEqualTo(expected);
    }

    static Stream<Arguments> injections() {
        Function<String, SseMessage> id = value -> SseMessage.builder().id(value).data("x").build();
        Function<String, SseMessage> event = value -> SseMessage.builder().event(value).data("x").build();
        Function<String, SseMessage> withId = value -> SseMessage.of("x").withId(value);
        return Stream.of(
                Arguments.of("id", "1\rdata: evil", id),
                Arguments.of("id", "1\ndata: evil", id),
                Arguments.of("id", "1\r\ndata: evil", id),
                Arguments.of("id", "1\u0000", id),
                Arguments.of("id", "1\nevent: x", withId),
                Arguments.of("event", "x\rdata: evil", event),
                Arguments.of("event", "x\ndata: evil", event),
                Arguments.of("event", "x\r\n\r\ndata: evil", event));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("injections")
    void aLineBreakOrNulInIdOrEventIsRejectedNamingTheField(String field, String value,
            Function<String, SseMessage> build) {
        assertThatThrownBy(() -> build.apply(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(field + " ");
    }

    @Test
    void aNegativeRetryIsRejectedNamingTheField() {
        assertThatThrownBy(() -> SseMessage.builder().retry(Duration.ofMillis(-1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("retry ");
        assertThatThrownBy(() -> SseMessage.builder().retryMillis(-5L).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("retry ");
    }

    @ParameterizedTest(name = "data = {0}")
    @ValueSource(strings = {"a\n\nevent: x\n", "a\rid: 9", "\r\rid: 9\r\rretry: 1\r", "a\r\n\r\ndata: b\r\n\r\n",
            "\n\n: comment\n\nevent: x\ndata: y\n\n"})
    void fieldsInDataStayData(String data) {
        RecordingHandler handler = RecordingHandler.parse(encode(SseMessage.of(data)));

        assertThat(handler.events).containsExactly(new SseEvent("", "message", data.replace("\r\n", "\n")
                .replace('\r', '\n')));
        assertThat(handler.retries).isEmpty();
        assertThat(handler.comments).isEmpty();
    }

    @Test
    void fieldsInACommentStayComment() {
        RecordingHandler handler = RecordingHandler.parse(encode(SseMessage.comment("hb\n\ndata: evil\rid: 9\r\n")));

        assertThat(handler.events).isEmpty();
        assertThat(handler.comments).containsExactly("hb", "", "data: evil", "id: 9", "");
    }
}
