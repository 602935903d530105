package dev.sseboot.core.hub;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChannelPatternsTest {

    @ParameterizedTest
    @ValueSource(strings = {"*", "**", "prices/*", "prices/**", "*/ACME", "a/*/c", "a/*/*/**", "user/*/inbox"})
    void acceptsWholeSegmentWildcards(String pattern) {
        assertThat(ChannelPatterns.isPattern(pattern)).isTrue();
        assertThat(ChannelPatterns.isValid(pattern)).isTrue();
        assertThat(ChannelPatterns.requireValid(pattern)).isEqualTo(pattern);
    }

    @ParameterizedTest
    @ValueSource(strings = {"prices/*x", "prices/x*", "***", "prices/**/x", "**/x", "a/**/**", "a//*", "/*",
            "*/", "../*", "./*", "a b/*", "caf\u00e9/*", "prices/%2A"})
    void rejectsWildcardsThatAreNotWholeSegmentsAndEveryOtherBadName(String pattern) {
        assertThat(ChannelPatterns.isValid(pattern)).isFalse();
        assertThatThrownBy(() -> ChannelPatterns.requireValid(pattern))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Invalid channel pattern");
    }

    @Test
    void aNameWithoutWildcardIsNoPattern() {
        assertThat(ChannelPatterns.isPattern("prices/ACME")).isFalse();
        assertThat(ChannelPatterns.isPattern(null)).isFalse();
        assertThat(ChannelPatterns.isValid("prices/ACME")).isFalse();
        assertThatThrownBy(() -> ChannelPatterns.requireValid("prices/ACME")).hasMessageContaining("no '*'");
        assertThatThrownBy(() -> ChannelPatterns.requireValid("p/" + "x".repeat(200) + "/*"))
                .hasMessageContaining("longer than 128");
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
            "prices/*, prices/ACME, true",
            "prices/*, prices/ACME/x, false",
            "prices/*, prices, false",
            "prices/*, pricesX/ACME, false",
            "prices/*, price/ACME, false",
            "prices/**, prices/ACME, true",
            "prices/**, prices/ACME/x, true",
            "prices/**, prices/ACME/x/y/z, true",
            "prices/**, prices, false",
            "prices/**, other/ACME, false",
            "*, news, true",
            "*, news/a, false",
            "**, news, true",
            "**, news/a/b, true",
            "*/ACME, prices/ACME, true",
            "*/ACME, prices/ACMEE, false",
            "*/ACME, prices/x/ACME, false",
            "a/*/c, a/b/c, true",
            "a/*/c, a/b/d, false",
            "a/*/c, a/c, false",
            "a/*/**, a/b/c, true",
            "a/*/**, a/b, false",
    })
    void matchesWholeSegments(String pattern, String channel, boolean matches) {
        assertThat(ChannelPatterns.matches(pattern, channel)).isEqualTo(matches);
    }
}
