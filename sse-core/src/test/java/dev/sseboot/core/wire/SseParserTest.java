package dev.sseboot.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseParserTest {

    private final RecordingHandler handler = new RecordingHandler();
    private final SseParser parser = new SseParser(handler);

    private static SseEvent message(String data) {
        return new SseEvent("", "message", data);
    }

    private void feedByteByByte(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            parser.feed(bytes, i, 1);
        }
    }

    private void feed(byte[] bytes) {
        parser.feed(bytes, 0, bytes.length);
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String text) {
                out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            } else {
                for (int b : (int[]) part) {
                    out.write(b);
                }
            }
        }
        return out.toByteArray();
    }

    @Nested
    class LineEnds {

        @ParameterizedTest(name = "terminator {index}")
        @ValueSource(strings = {"\n", "\r", "\r\n"})
        void everyLineEndSeparatesLinesAndDispatches(String end) {
            parser.feed("data: a" + end + "data: b" + end + end + "data: c" + end + end);

            assertThat(handler.events).containsExactly(message("a\nb"), message("c"));
        }

        @Test
        void mixedLineEndsInOneStream() {
            parser.feed("data: a\rdata: b\ndata: c\r\n\r\ndata: d\n\r");

            assertThat(handler.events).containsExactly(message("a\nb\nc"), message("d"));
        }

        @Test
        void crAtTheEndOfAChunkAndLfAtTheStartOfTheNextAreOneLineEnd() {
            parser.feed("data: a\r");
            parser.feed("\ndata: b\r\n\r");
            parser.feed("\n");
            parser.feed("data: c\n\n");

            assertThat(handler.events).containsExactly(message("a\nb"), message("c"));
        }

        @Test
        void crAtTheEndOfAChunkFollowedByAnotherCrIsABlankLine() {
            parser.feed("data: a\r");
            parser.feed("\r");

            assertThat(handler.events).containsExactly(message("a"));
        }

        @Test
        void anEmptyChunkKeepsAPendingCr() {
            parser.feed("data: a\r");
            parser.feed(new byte[0], 0, 0);
            parser.feed("\n\n");

            assertThat(handler.events).containsExactly(message("a"));
        }

        @Test
        void lineEndsSplitByteByByte() {
            feedByteByByte(bytes("data: a\r\ndata: b\r\r\ndata: c\n\r\n"));

            assertThat(handler.events).containsExactly(message("a\nb"), message("c"));
        }
    }

    @Nested
    class Fields {

        @Test
        void exactlyOneLeadingSpaceOfAValueIsStripped() {
            parser.feed("data:x\n\ndata: x\n\ndata:  x \n\ndata:   \n\n");

            assertThat(handler.events).containsExactly(message("x"), message("x"), message(" x "), message("  "));
        }

        @Test
        void aLineWithoutColonIsAFieldWithAnEmptyValue() {
            parser.feed("event: add\nevent\ndata\n\n");

            assertThat(handler.events).containsExactly(message(""));
        }

        @Test
        void onlyTheFirstColonSeparatesNameAndValue() {
            parser.feed("data: a: b:c\n\n");

            assertThat(handler.events).containsExactly(message("a: b:c"));
        }

        @Test
        void unknownFieldsAndNamesDifferingInCaseOrSpacesAreIgnored() {
            parser.feed("foo: bar\nData: x\ndata : y\n data: z\nEVENT: e\nid : 1\ndata: kept\n\n");

            assertThat(handler.events).containsExactly(message("kept"));
            assertThat(handler.comments).isEmpty();
        }

        @Test
        void theEventTypeDefaultsToMessageAndIsResetAfterEachDispatch() {
            parser.feed("event: add\ndata: 1\n\ndata: 2\n\nevent:\ndata: 3\n\n");

            assertThat(handler.events).containsExactly(new SseEvent("", "add", "1"), message("2"), message("3"));
        }

        @Test
        void aBlankLineWithoutDataDispatchesNothingAndResetsTheEventType() {
            parser.feed("event: add\n\n\n\ndata: x\n\n");

            assertThat(handler.events).containsExactly(message("x"));
        }

        @Test
        void commentsAreReportedWithOneLeadingSpaceStripped() {
            parser.feed(":hello\n: hello\n:  two\n:\ndata: x\n\n");

            assertThat(handler.comments).containsExactly("hello", "hello", " two", "");
            assertThat(handler.events).containsExactly(message("x"));
        }
    }

    @Nested
    class Ids {

        @Test
        void theIdIsStickyAcrossEventsUntilChangedOrReset() {
            parser.feed("id: 1\ndata: a\n\ndata: b\n\nid: 2\ndata: c\n\nid\ndata: d\n\n");

            assertThat(handler.events).containsExactly(new SseEvent("1", "message", "a"),
                    new SseEvent("1", "message", "b"), new SseEvent("2", "message", "c"), message("d"));
        }

        @Test
        void anIdContainingNulIsIgnored() {
            parser.feed("id: 1\ndata: a\n\nid: 2\u00003\ndata: b\n\n");

            assertThat(handler.events).containsExactly(new SseEvent("1", "message", "a"),
                    new SseEvent("1", "message", "b"));
        }

        @Test
        void theLastEventIdChangesAtABlankLineEvenWithoutData() {
            parser.feed("id: 7\n");
            assertThat(parser.lastEventId()).isEmpty();

            parser.feed("\n");
            assertThat(parser.lastEventId()).isEqualTo("7");
            assertThat(handler.events).isEmpty();
        }

        @Test
        void theInitialIdIsKeptUntilTheStreamSetsAnother() {
            SseParser resuming = new SseParser(handler, SseParser.DEFAULT_MAX_EVENT_BYTES, "41");
            resuming.feed(": heartbeat\n\ndata: a\n\nid: 42\ndata: b\n\n");

            assertThat(handler.events).containsExactly(new SseEvent("41", "message", "a"),
                    new SseEvent("42", "message", "b"));
        }
    }

    @Nested
    class Retry {

        @Test
        void aWholeNumberSetsTheReconnectionTime() {
            parser.feed("retry: 1500\nretry:0\nretry: 007\n");

            assertThat(handler.retries).containsExactly(1500L, 0L, 7L);
        }

        @ParameterizedTest(name = "retry:{0}")
        @ValueSource(strings = {"", " ", "  1", " -1", " 1.5", " 1e3", " 15 ", " abc", " \uFF11"})
        void anythingButAsciiDigitsIsIgnored(String value) {
            parser.feed("retry:" + value + "\n");

            assertThat(handler.retries).isEmpty();
        }

        @Test
        void aNumberTooLargeForALongSaturates() {
            parser.feed("retry: 99999999999999999999999999\n");

            assertThat(handler.retries).containsExactly(Long.MAX_VALUE);
        }
    }

    @Nested
    class Utf8Decoding {

        @Test
        void multiByteCharactersSplitAcrossChunksByteByByte() {
            String text = "é € 😀 𝄞 中文";
            feedByteByByte(bytes("data: " + text + "\n\n"));

            assertThat(handler.events).containsExactly(message(text));
        }

        @Test
        void malformedBytesBecomeReplacementCharactersAsTheEncodingStandardSays() {
            // An encoded surrogate is three errors, a truncated sequence one, a stray continuation one.
            feed(bytes("data: ", new int[] {0xED, 0xA0, 0x80}, "|", new int[] {0xF0, 0x9F, 0x98}, "|",
                    new int[] {0x80}, "|", new int[] {0xC0, 0xAF}, "|", new int[] {0xF4, 0x90, 0x80, 0x80}, "\n\n"));

            assertThat(handler.events).containsExactly(
                    message("\uFFFD\uFFFD\uFFFD|\uFFFD|\uFFFD|\uFFFD\uFFFD|\uFFFD\uFFFD\uFFFD\uFFFD"));
        }

        @Test
        void aSequenceCutByALineEndIsOneReplacementCharacter() {
            feed(bytes("data: ", new int[] {0xE2, 0x82}, "\ndata: ok\n\n"));

            assertThat(handler.events).containsExactly(message("\uFFFD\nok"));
        }

        @Test
        void aLeadingBomIsSkippedEvenWhenSplit() {
            feedByteByByte(bytes(new int[] {0xEF, 0xBB, 0xBF}, "data: x\n\n"));

            assertThat(handler.events).containsExactly(message("x"));
        }

        @Test
        void onlyOneBomAndOnlyAtTheStartIsSkipped() {
            parser.feed("\uFEFF\uFEFFdata: a\n\n\uFEFFdata: b\n\ndata: c\n\n");

            assertThat(handler.events).containsExactly(message("c"));
        }

        @Test
        void aBomIsSkippedAgainAtTheStartOfTheNextStream() {
            parser.feed("\uFEFFdata: a\n\n");
            parser.end();
            parser.feed("\uFEFFdata: b\n\n");

            assertThat(handler.events).containsExactly(message("a"), message("b"));
        }
    }

    @Nested
    class EndOfStream {

        @Test
        void anIncompleteEventIsDiscarded() {
            parser.feed("data: a\n");
            parser.end();
            parser.feed("data: b");
            parser.end();
            parser.feed("data: c\n\n");

            assertThat(handler.events).containsExactly(message("c"));
        }

        @Test
        void aPendingCrDoesNotSwallowTheNextStreamsFirstLf() {
            parser.feed("data: a\r");
            parser.end();
            parser.feed("\ndata: b\n\n");

            assertThat(handler.events).containsExactly(message("b"));
        }

        @Test
        void anUnconfirmedIdIsDiscardedButTheLastEventIdCarriesOver() {
            parser.feed("id: 1\ndata: a\n\nid: 2\n");
            parser.end();
            parser.feed("data: b\n\n");

            assertThat(handler.events).containsExactly(new SseEvent("1", "message", "a"),
                    new SseEvent("1", "message", "b"));
            assertThat(parser.lastEventId()).isEqualTo("1");
        }

        @Test
        void anEventTypeOfAnEndedStreamDoesNotLeakIntoTheNext() {
            parser.feed("event: add\n");
            parser.end();
            parser.feed("data: x\n\n");

            assertThat(handler.events).containsExactly(message("x"));
        }
    }

    @Nested
    class Input {

        @Test
        void feedsTheGivenRangeOfAnArray() {
            byte[] bytes = bytes("xxdata: a\n\nyy");
            parser.feed(bytes, 2, bytes.length - 4);

            assertThat(handler.events).containsExactly(message("a"));
        }

        @Test
        void feedsHeapDirectAndReadOnlyBuffersAndConsumesThem() {
            byte[] bytes = bytes("data: a\n\n");
            ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
            ByteBuffer sliced = ByteBuffer.wrap(bytes("__data: b\n\n")).position(2).slice();
            ByteBuffer readOnly = ByteBuffer.wrap(bytes("data: c\n\n")).asReadOnlyBuffer();

            for (ByteBuffer buffer : new ByteBuffer[] {direct, sliced, readOnly}) {
                parser.feed(buffer);
                assertThat(buffer.hasRemaining()).isFalse();
            }

            assertThat(handler.events).containsExactly(message("a"), message("b"), message("c"));
        }

        @Test
        void rejectsARangeOutsideTheArray() {
            assertThatThrownBy(() -> parser.feed(new byte[4], 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Nested
    class Bounds {

        private final SseParser bounded = new SseParser(handler, 16, "");

        @Test
        void aLineAtTheBoundIsAccepted() {
            bounded.feed("data: 1234567890\n\n");

            assertThat(handler.events).containsExactly(message("1234567890"));
        }

        @Test
        void aLongerLineInOneChunkIsRejected() {
            assertThatThrownBy(() -> bounded.feed("data: 12345678901\n"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("line longer than 16 bytes");
        }

        @Test
        void aLongerLineSpreadOverChunksIsRejectedBeforeItEnds() {
            bounded.feed("data: 1234");
            bounded.feed("567890");

            assertThatThrownBy(() -> bounded.feed("1")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("line longer than 16 bytes");
        }

        @Test
        void dataLinesOfOneEventTogetherAreBounded() {
            bounded.feed("data: 12345\ndata: 12345\n");

            assertThatThrownBy(() -> bounded.feed("data: 12345\n")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("data longer than 16 bytes");
        }

        @Test
        void theBoundAppliesPerEvent() {
            for (int i = 0; i < 10; i++) {
                bounded.feed("data: 12345\ndata: 12345\n\n");
            }

            assertThat(handler.events).hasSize(10).allSatisfy(e -> assertThat(e.data()).isEqualTo("12345\n12345"));
        }

        @Test
        void theBoundMustBePositive() {
            assertThatThrownBy(() -> new SseParser(handler, 0, "")).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
