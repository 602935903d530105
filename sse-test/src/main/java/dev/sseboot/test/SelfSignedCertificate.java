package dev.sseboot.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate for {@code localhost} made at test time, so that a test can serve its streams over
 * TLS (and HTTP/2, which browsers and most clients speak only over TLS) without a key in the
 * repository. The key pair is made by the running JDK's {@code keytool} into a fresh temporary
 * PKCS12 key store with a random password; the certificate names {@code localhost} and
 * {@code 127.0.0.1} and is valid for two days.
 *
 * <pre>{@code
 * static final SelfSignedCertificate CERTIFICATE = SelfSignedCertificate.generate();
 *
 * @DynamicPropertySource
 * static void tls(DynamicPropertyRegistry registry) {
 *     CERTIFICATE.springBootServerProperties().forEach((name, value) -> registry.add(name, () -> value));
 * }
 *
 * HttpClient client = HttpClient.newBuilder().sslContext(CERTIFICATE.trustingSslContext()).build();
 * }</pre>
 */
public final class SelfSignedCertificate {

    private static final String ALIAS = "localhost";
    private static final String BUNDLE = "sseboot-test-tls";
    private static final String PASSWORD_VARIABLE = "SSEBOOT_TLS_PASSWORD";
    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

    private final Path keyStore;
    private final String password;

    private SelfSignedCertificate(Path keyStore, String password) {
        this.keyStore = keyStore;
        this.password = password;
    }

    /** Makes a new key pair and certificate in a temporary key store that is deleted when the JVM exits. */
    public static SelfSignedCertificate generate() {
        try {
            Path directory = Files.createTempDirectory("sseboot-tls");
            Path keyStore = directory.resolve("localhost.p12");
            directory.toFile().deleteOnExit();
            keyStore.toFile().deleteOnExit();
            byte[] secret = new byte[18];
            new SecureRandom().nextBytes(secret);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            runKeytool(keyStore, password);
            return new SelfSignedCertificate(keyStore, password);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not make a self-signed certificate", e);
        }
    }

    private static void runKeytool(Path keyStore, String password) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        ProcessBuilder builder = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", ALIAS,
                "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass:env", PASSWORD_VARIABLE)
                .redirectErrorStream(true);
        // Through the environment, so that the password never shows in a process list.
        builder.environment().put(PASSWORD_VARIABLE, password);
        Process process = builder.start();
        process.getOutputStream().close();
        try (InputStream output = process.getInputStream()) {
            String text = new String(output.readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException(keytool + " failed: " + text);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("Interrupted while " + keytool + " ran", e);
        }
    }

    /** The PKCS12 key store holding the key pair and certificate under the alias {@code localhost}. */
    public Path keyStore() {
        return keyStore;
    }

    /** The key store's (and the key's) password. */
    public String password() {
        return password;
    }

    /**
     * The Spring Boot properties that serve this certificate on the application's web server: an SSL
     * bundle named {@code sseboot-test-tls} and {@code server.ssl.bundle} naming it.
     */
    public Map<String, String> springBootServerProperties() {
        String prefix = "spring.ssl.bundle.jks." + BUNDLE + ".keystore.";
        return Map.of(prefix + "location", keyStore.toUri().toString(),
                prefix + "password", password,
                prefix + "type", "PKCS12",
                "server.ssl.bundle", BUNDLE);
    }

    /** A client-side context that trusts this certificate (and no other). */
    public SSLContext trustingSslContext() {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry(ALIAS, store.getCertificate(ALIAS));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + keyStore, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not trust the certificate in " + keyStore, e);
        }
    }
}
