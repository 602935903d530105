package dev.sseboot.redis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RedisStreamIdsTest {

    @Test
    void positionsIncreaseWithIds() {
        List<String> ids = List.of("0-0", "0-1", "0-1048575", "1-0", "1700000000000-0", "1700000000000-7",
                "1700000000001-0", "8796093022207-1048575");

        assertThat(ids.stream().map(StreamIds::position).toList()).isSorted().doesNotHaveDuplicates();
        assertThat(StreamIds.position("1700000000000-7")).isEqualTo(1700000000000L << 20 | 7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "1-", "-1", "1", "1-2-3", "a-1", "1-a", "+1-0", "1-+0", " 1-0", "1-0 ",
            "1-1048576", "8796093022208-0", "99999999999999999999-0", "1_000-0"})
    void whatIsNotAnIdInRangeIsNoPosition(String text) {
        assertThat(StreamIds.isValid(text)).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> StreamIds.position(text));
    }

    @Test
    void nullIsNoId() {
        assertThat(StreamIds.isValid(null)).isFalse();
    }
}
