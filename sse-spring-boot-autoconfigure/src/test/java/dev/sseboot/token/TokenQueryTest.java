package dev.sseboot.token;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenQueryTest {

    @Test
    void findsTheTokenHoweverItIsSpelled() {
        assertThat(TokenQuery.tokens(null)).isEmpty();
        assertThat(TokenQuery.tokens("a=1&b=2")).isEmpty();
        assertThat(TokenQuery.tokens("sse_token=abc.def")).containsExactly("abc.def");
        assertThat(TokenQuery.tokens("a=1&sse%5Ftoken=abc%2Edef&b")).containsExactly("abc.def");
        assertThat(TokenQuery.tokens("sse_token=a&sse_token=b")).containsExactly("a", "b");
        assertThat(TokenQuery.tokens("sse_token")).containsExactly("");
        assertThat(TokenQuery.tokens("sse_tokens=a&xsse_token=b")).isEmpty();
        assertThat(TokenQuery.tokens("sse_token=%zz")).containsExactly("%zz");
    }

    @Test
    void cutsTheTokenOutAndKeepsTheRestAsItWas() {
        assertThat(TokenQuery.without(null)).isNull();
        assertThat(TokenQuery.without("sse_token=abc.def")).isNull();
        assertThat(TokenQuery.without("lastEventId=7&sse_token=abc.def&x=a%20b")).isEqualTo("lastEventId=7&x=a%20b");
        assertThat(TokenQuery.without("sse%5Ftoken=abc&sse_token=def&&x")).isEqualTo("x");
    }
}
