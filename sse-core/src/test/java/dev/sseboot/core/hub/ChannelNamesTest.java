package dev.sseboot.core.hub;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChannelNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "time", "room/42", "user/alice@example.com", "a.b_c:d~e-f", "A/B/C"})
    void acceptsNamesOfTheAllowedCharacters(String name) {
        assertThat(ChannelNames.isValid(name)).isTrue();
        assertThat(ChannelNames.requireValid(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a b", "..", "a/../b", "./a", "/a", "a/", "a//b", "%2F", "a%2Fb", "tab\t",
            "nul\u0000", "cr\r", "caf\u00e9", "\u0430dmin", "emoji\uD83D\uDE00", "a?b", "a#b", "a\\b"})
    void rejectsEverythingElse(String name) {
        assertThat(ChannelNames.isValid(name)).isFalse();
        assertThatThrownBy(() -> ChannelNames.requireValid(name))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Invalid channel name");
    }

    @org.junit.jupiter.api.Test
    void limitsTheLength() {
        assertThat(ChannelNames.isValid("x".repeat(128))).isTrue();
        assertThatThrownBy(() -> ChannelNames.requireValid("x".repeat(10_000)))
                .hasMessageContaining("longer than 128");
        assertThat(ChannelNames.isValid(null)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void errorMessagesStayOnOneShortLine() {
        assertThatThrownBy(() -> ChannelNames.requireValid("evil\nX-Injected: 1" + "y".repeat(100)))
                .hasMessageNotContaining("\n").message().hasSizeLessThan(200);
    }
}
