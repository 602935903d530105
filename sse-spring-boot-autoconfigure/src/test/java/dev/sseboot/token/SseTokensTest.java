package dev.sseboot.token;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SseTokensTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final String OTHER_SECRET = "fedcba9876543210fedcba9876543210";
    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

    private final SseTokens tokens = tokensAt(NOW, SECRET, List.of());

    private static SseTokens tokensAt(Instant now, String secret, List<String> previous) {
        return new SseTokens(secret, previous, Duration.ofSeconds(60), "/events", Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aMintedTokenVerifiesWithItsClaims() throws Exception {
        String token = tokens.mint("alice", List.of("user/alice", "prices/**"));

        StreamToken verified = tokens.verify(token, "/events/user/alice");

        assertThat(verified.user()).isEqualTo("alice");
        assertThat(verified.principal().getName()).isEqualTo("alice");
        assertThat(verified.channels()).containsExactly("user/alice", "prices/**");
        assertThat(verified.path()).isEqualTo("/events");
        assertThat(verified.expiresAt()).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void theTokenIsCompactAndUrlSafe() {
        String token = tokens.mint("alice", List.of("user/alice"));

        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}").hasSizeLessThan(120);
    }

    @Test
    void anAnonymousTokenHasNoPrincipal() throws Exception {
        StreamToken verified = tokens.verify(tokens.mint(null, List.of("news")), "/events/news");

        assertThat(verified.user()).isNull();
        assertThat(verified.principal()).isNull();
    }

    @Test
    void aTokenCoversItsChannelsAndWhatItsPatternsCover() throws Exception {
        StreamToken verified = tokens.verify(tokens.mint("alice", List.of("news", "prices/**")), "/events/news");

        assertThat(verified.covers("news")).isTrue();
        assertThat(verified.covers("prices/ACME")).isTrue();
        assertThat(verified.covers("prices/eu/ACME")).isTrue();
        assertThat(verified.covers("prices")).as("the pattern covers what is below its prefix").isFalse();
        assertThat(verified.covers("news/more")).isFalse();
        assertThat(verified.covers("newsroom")).isFalse();
        assertThat(verified.covers("pricesX/ACME")).isFalse();
    }

    @Test
    void aPatternIsCoveredOnlyByAGrantThatCoversEveryChannelItCanMatch() throws Exception {
        StreamToken verified = tokens.verify(tokens.mint("alice", List.of("news", "prices/**", "user/alice")),
                "/events");

        assertThat(verified.covers("prices/*")).isTrue();
        assertThat(verified.covers("prices/**")).isTrue();
        assertThat(verified.covers("prices/eu/*")).isTrue();
        assertThat(verified.covers("prices/*/ACME")).isTrue();
        assertThat(verified.covers("*/ACME")).as("matches channels outside prices/").isFalse();
        assertThat(verified.covers("**")).isFalse();
        assertThat(verified.covers("*")).isFalse();
        assertThat(verified.covers("pricesX/*")).isFalse();
        assertThat(verified.covers("news/*")).as("a named channel covers no pattern").isFalse();
        assertThat(verified.covers("user/*")).as("user/alice is named, not user/*").isFalse();
    }

    @Test
    void theStreamPathItselfServesMultiplexedStreams() throws Exception {
        String token = tokens.mint("alice", List.of("news"));

        assertThat(tokens.verify(token, "/events").user()).isEqualTo("alice");
        assertThat(tokens.verify(token, "/events/news").user()).isEqualTo("alice");
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = tokens.mint("alice", List.of("news"));

        assertThat(tokensAt(NOW.plusSeconds(59), SECRET, List.of())).satisfies(later -> later.verify(token, "/events/news"));
        assertRefused(tokensAt(NOW.plusSeconds(60), SECRET, List.of()), token, "/events/news", "expired");
    }

    @Test
    void aTokenWithItsOwnLifetimeAndPathVerifiesOnlyThere() throws Exception {
        String token = tokens.mint("alice", List.of("orders/42"), "/orders", Duration.ofSeconds(5));

        assertThat(tokens.verify(token, "/orders/42/events").expiresAt()).isEqualTo(NOW.plusSeconds(5));
        assertRefused(tokens, token, "/events/orders/42", "path");
        assertRefused(tokensAt(NOW.plusSeconds(5), SECRET, List.of()), token, "/orders/42/events", "expired");
    }

    @Test
    void aTokenIsRefusedOnAnyOtherPath() {
        String token = tokens.mint("alice", List.of("news"));

        assertRefused(tokens, token, "/hello", "path");
        assertRefused(tokens, token, "/eventsX/news", "path");
        assertRefused(tokens, token, "/api/events/news", "path");
    }

    @Test
    void everyFlippedCharacterIsRefused() {
        String token = tokens.mint("alice", List.of("user/alice"));
        for (int i = 0; i < token.length(); i++) {
            char original = token.charAt(i);
            if (original == '.') {
                continue;
            }
            char flipped = original == 'A' ? 'B' : 'A';
            String tampered = token.substring(0, i) + flipped + token.substring(i + 1);
            assertThatThrownBy(() -> tokens.verify(tampered, "/events/user/alice")).as("character %d", i)
                    .isInstanceOf(InvalidStreamTokenException.class).hasMessageContaining("signature");
        }
    }

    @Test
    void aForgedPayloadWithTheOldSignatureIsRefused() throws Exception {
        String token = tokens.mint("bob", List.of("user/bob"));
        String signature = token.substring(token.indexOf('.') + 1);
        String forgedPayload = tokens.mint("alice", List.of("user/alice")).substring(0, token.indexOf('.'));

        assertRefused(tokens, forgedPayload + "." + signature, "/events/user/alice", "signature");
        assertThat(tokens.verify(token, "/events/user/bob").user()).isEqualTo("bob");
    }

    @Test
    void aTokenMintedWithAnotherSecretIsRefused() {
        String foreign = tokensAt(NOW, OTHER_SECRET, List.of()).mint("alice", List.of("news"));

        assertRefused(tokens, foreign, "/events/news", "signature");
    }

    @Test
    void tokensOfAPreviousSecretAreAcceptedAfterARotationButNeverMinted() throws Exception {
        String beforeRotation = tokens.mint("alice", List.of("news"));
        SseTokens rotated = tokensAt(NOW, OTHER_SECRET, List.of(SECRET));

        assertThat(rotated.verify(beforeRotation, "/events/news").user()).isEqualTo("alice");
        assertRefused(tokens, rotated.mint("alice", List.of("news")), "/events/news", "signature");
    }

    @Test
    void malformedTokensAreRefusedWithoutEchoingThem() {
        String payloadOnly = tokens.mint("alice", List.of("news"));
        for (String malformed : List.of("", ".", "abc", "abc.", ".abc", "a.b.c", payloadOnly.replace('.', '!'),
                "%%%.%%%", "x".repeat(SseTokens.MAX_TOKEN_LENGTH + 1) + ".x")) {
            assertThatThrownBy(() -> tokens.verify(malformed, "/events/news")).as(malformed)
                    .isInstanceOf(InvalidStreamTokenException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(malformed.isEmpty() ? "\0" : malformed));
        }
    }

    @Test
    void aSignedPayloadOfAnotherVersionIsRefused() throws Exception {
        // Signed correctly by a hypothetical later version: refused, never misread.
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] {2, 0, 0});
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));

        assertRefused(tokens, payload + "." + signature, "/events/news", "version");
    }

    @Test
    void mintingChecksWhatItSigns() {
        assertThatIllegalArgumentException().isThrownBy(() -> tokens.mint("alice", List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> tokens.mint("alice", List.of("bad name")));
        assertThatIllegalArgumentException().isThrownBy(() -> tokens.mint("alice", List.of("/**")));
        assertThatIllegalArgumentException().isThrownBy(() -> tokens.mint("alice", List.of("a/../**")));
        assertThatIllegalArgumentException().isThrownBy(() -> tokens.mint("alice", List.of("news"), "events", Duration.ofSeconds(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> tokens.mint("alice", List.of("news"), "/events", Duration.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> tokens.mint("x".repeat(70_000), List.of("news")));
    }

    @Test
    void aShortSecretIsRefusedWithoutNamingIt() {
        String shortSecret = "too-short-a-secret";
        assertThatIllegalArgumentException().isThrownBy(() -> tokensAt(NOW, shortSecret, List.of()))
                .withMessageContaining("32 characters").withMessageNotContaining(shortSecret);
        assertThatIllegalArgumentException().isThrownBy(() -> tokensAt(NOW, SECRET, List.of(shortSecret)))
                .withMessageNotContaining(shortSecret);
    }

    private static void assertRefused(SseTokens tokens, String token, String path, String reason) {
        assertThatThrownBy(() -> tokens.verify(token, path)).isInstanceOf(InvalidStreamTokenException.class)
                .hasMessageContaining(reason).satisfies(e -> assertThat(e.getMessage()).doesNotContain(token));
    }
}
