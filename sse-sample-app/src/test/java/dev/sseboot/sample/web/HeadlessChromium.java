package dev.sseboot.sample.web;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The distribution's headless Chromium driven through its chromedriver (Debian:
 * {@code apt-get install chromium chromium-driver}); nothing is downloaded. Without them the test
 * that asks for one is skipped with a warning in the build log.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HeadlessChromium.class);
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ChromeDriverService service;
    private final WebDriver browser;

    private HeadlessChromium(ChromeDriverService service, WebDriver browser) {
        this.service = service;
        this.browser = browser;
    }

    /**
     * Starts a browser with a fresh profile in {@code profile}. It accepts the self-signed
     * certificates the tests make for HTTPS.
     */
    static HeadlessChromium start(Path profile) {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed) {
            log.warn("BROWSER TEST SKIPPED: it needs {} and {}; install them with "
                    + "`apt-get install -y chromium chromium-driver`", CHROMIUM, CHROMEDRIVER);
        }
        assumeTrue(installed, () -> "Chromium is not installed at " + CHROMIUM + " with its driver at " + CHROMEDRIVER);

        // An explicit driver and binary: Selenium Manager never looks for (or downloads) either.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.setAcceptInsecureCerts(true);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                // Containers often give /dev/shm only 64 MB, too little for Chromium's renderers.
                "--disable-dev-shm-usage", "--window-size=1280,1100", "--user-data-dir=" + profile);
        try {
            return new HeadlessChromium(service, new ChromeDriver(service, options));
        } catch (RuntimeException e) {
            service.stop();
            throw e;
        }
    }

    WebDriver browser() {
        return browser;
    }

    /** Runs {@code script} in the current tab and returns what it returns. */
    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    /** Waits, bounded by {@link #TIMEOUT}, until {@code condition} gives a value other than null or false. */
    <T> T await(String what, Supplier<String> state, Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, TIMEOUT, Duration.ofMillis(100))
                .withMessage(() -> "waiting for " + what + "; " + state.get())
                .until(condition);
    }

    @Override
    public void close() {
        browser.quit(); // stops the driver service too
    }
}
