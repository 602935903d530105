package dev.sseboot.core.hub;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompositeEventIdTest {

    @Test
    void positionsAreEscapedSoTheSeparatorsStayUnambiguous() {
        CompositeEventId id = new CompositeEventId("prices/ACME", List.of("7", "a,b|c%d", "", "100%2C"));

        assertThat(id.text()).isEqualTo("prices/ACME|7,a%2Cb%7Cc%25d,,100%252C");
        assertThat(CompositeEventId.parse(id.text(), 4)).isEqualTo(id);
    }

    @Test
    void theOpeningBlockHasAnEmptySourceAndAPatternAnEmptyPosition() {
        assertThat(CompositeEventId.parse("|12,,1732390000000-0", 3))
                .isEqualTo(new CompositeEventId("", List.of("12", "", "1732390000000-0")));
        assertThat(CompositeEventId.parse("news/*|", 1)).isEqualTo(new CompositeEventId("news/*", List.of("")));
        assertThat(CompositeEventId.parse("a|%2c", 1).positions()).as("escapes in either case").containsExactly(",");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", "", "a,b", "a%7Cb"})
    void anIdWithoutABarIsRefused(String text) {
        assertThatThrownBy(() -> CompositeEventId.parse(text, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no '|'");
    }

    @Test
    void anIdWithAnotherNumberOfPositionsIsRefused() {
        assertThatThrownBy(() -> CompositeEventId.parse("a|1,2", 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 positions").hasMessageContaining("3 entries");
        assertThatThrownBy(() -> CompositeEventId.parse("a|1,2,3,4", 3)).hasMessageContaining("4 positions");
        assertThatThrownBy(() -> CompositeEventId.parse("a|", 2)).hasMessageContaining("1 positions");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a|%", "a|%2", "a|%41", "a|x%2", "a|%zz", "a|%2C%"})
    void anyOtherEscapeIsRefused(String text) {
        assertThatThrownBy(() -> CompositeEventId.parse(text, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("escape");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b|1", "../x|1", "prices/*x|1", "a\u0000|1"})
    void aSourceThatIsNeitherAChannelNorAPatternIsRefused(String text) {
        assertThatThrownBy(() -> CompositeEventId.parse(text, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source");
    }

    @Test
    void theLengthIsBoundedInAllAndPerPosition() {
        assertThat(CompositeEventId.maxLength(32)).isEqualTo(3072);
        String longest = "a|" + "9".repeat(CompositeEventId.maxLength(2) - 3) + ",";
        assertThat(longest).hasSize(CompositeEventId.maxLength(2));
        assertThatThrownBy(() -> CompositeEventId.parse(longest, 2)).hasMessageContaining("position longer than 1024");
        assertThatThrownBy(() -> CompositeEventId.parse(longest + "1", 2)).hasMessageContaining("longer than 1152");
        String positionOf1024 = "x".repeat(1024);
        assertThat(CompositeEventId.parse("a|" + positionOf1024, 1).positions()).containsExactly(positionOf1024);
        assertThat(CompositeEventId.parse("a|" + "%25".repeat(1000) + ",".repeat(31), 32).positions().get(0))
                .as("a position is bounded once unescaped").hasSize(1000);
    }

    @Test
    void theIdsOfBothBrokersFitWithThirtyTwoChannelsAndTheLongestSource() {
        String source = "s".repeat(ChannelNames.MAX_LENGTH);
        List<String> inMemory = java.util.Collections.nCopies(32, "9".repeat(18));
        List<String> redis = java.util.Collections.nCopies(32, "1732390000000-1048575");

        assertThat(new CompositeEventId(source, inMemory).text()).hasSize(736);
        assertThat(new CompositeEventId(source, redis).text()).hasSize(832);
        assertThat(CompositeEventId.parse(new CompositeEventId(source, redis).text(), 32).positions())
                .isEqualTo(redis);
    }
}
