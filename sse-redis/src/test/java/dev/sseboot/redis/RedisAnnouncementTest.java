package dev.sseboot.redis;

import dev.sseboot.core.wire.SseMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The announcement layout the publish script writes (the round trip through Redis is in RedisSseBrokerTest). */
class RedisAnnouncementTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsEveryFieldWithLineBreaksAndMultiByteCharactersInValues() {
        Announcement announcement = Announcement.parse(bytes(
                "5-1\nnews/eu\ndata\n8\na\nb\n\n€\nevent\n0\n\nretry\n4\n1500"));

        assertThat(announcement.channel()).isEqualTo("news/eu");
        assertThat(announcement.entry().id()).isEqualTo("5-1");
        assertThat(announcement.entry().position()).isEqualTo(5L << 20 | 1);
        assertThat(announcement.entry().message()).isEqualTo(SseMessage.builder().id("5-1").data("a\nb\n\n€")
                .event("").retryMillis(1500L).build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5-1", "not-an-id\nnews\ndata\n1\nx", "5-1\nnews\ndata", "5-1\nnews\ndata\nx\ny",
            "5-1\nnews\ndata\n5\nabc", "5-1\nnews\ndata\n-1\nabc", "5-1\nnews\nretry\n2\nxx"})
    void rejectsWhatThePublishScriptDoesNotWrite(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Announcement.parse(bytes(text)));
    }
}
