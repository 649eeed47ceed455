package io.selection.api.console;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;

/**
 * Debian's headless Chromium driven by its own chromedriver (no Selenium Manager, no network: the
 * machine's own packages). Screenshots go to target/screenshots as build outputs.
 */
final class Browser implements AutoCloseable {

    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File DRIVER = new File("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;
    final String base;

    /** For {@code @EnabledIf}: the browser tests need Debian's chromium and chromium-driver. */
    static boolean available() {
        return CHROMIUM.canExecute() && DRIVER.canExecute();
    }

    Browser(int port, int width, int height) {
        this.base = "http://localhost:" + port;
        try {
            profile = Files.createTempDirectory("chromium-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile,
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
                "--window-size=" + Math.max(width, 500) + "," + height, "--lang=zh-CN");
        if (width < 500) {
            // a desktop window is at least 500 px wide: a phone's screen is emulated instead
            options.setExperimentalOption("mobileEmulation", java.util.Map.of("deviceMetrics",
                    java.util.Map.of("width", width, "height", height, "pixelRatio", 2.0, "touch", true)));
        }
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "zh-CN,zh"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER)
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    WebDriver driver() {
        return driver;
    }

    void open(String path) {
        driver.get(base + path);
    }

    WebElement find(String css) {
        return until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    boolean present(String css) {
        return !all(css).isEmpty();
    }

    /** The element's text, read again if the page redrew it meanwhile (the live page does, every 3 s). */
    String text(String css) {
        return until(d -> {
            try {
                List<WebElement> found = d.findElements(By.cssSelector(css));
                return found.isEmpty() ? null : found.get(0).getText();
            } catch (StaleElementReferenceException redrawn) {
                return null;
            }
        });
    }

    void click(String css) {
        until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    void type(String css, String text) {
        WebElement e = find(css);
        e.clear();
        e.sendKeys(text);
    }

    /** Waits for the condition; on a timeout, saves what the page showed and what it logged. */
    <T> T until(Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(20)).until(condition);
        } catch (TimeoutException e) {
            screenshot("failure-" + System.currentTimeMillis());
            List<String> logged = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(LogEntry::getMessage).toList();
            throw new TimeoutException(e.getMessage() + "\npage " + driver.getCurrentUrl() + " logged: " + logged
                    + "\nview: " + driver.findElements(By.cssSelector("#view, #main")).stream()
                    .map(WebElement::getText).toList(), e);
        }
    }

    /** Waits until the console has rendered the view at {@code path} (it marks #view when done). */
    void view(String path) {
        find("#view[data-ready='" + path + "']");
    }

    /** Goes to a console route and waits until its view is drawn. */
    void route(String path) {
        String route = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        String name = route.contains("/") ? route.substring(0, route.indexOf('/')) : route;
        // a change of the hash alone does not reload the page: forget the last view's mark first,
        // and where the address does not change at all, ask the console to draw the view again
        String target = base + "/console/#/" + path;
        if (driver.getCurrentUrl().startsWith(base + "/console/")) {
            script("const v = document.getElementById('view'); if (v) v.removeAttribute('data-ready');");
        }
        if (driver.getCurrentUrl().equals(target)) {
            script("window.dispatchEvent(new HashChangeEvent('hashchange'))");
        } else {
            driver.get(target);
        }
        view(name);
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Signs in through the form (as a person would), after signing anyone else out. */
    void signIn(String user, String password) {
        driver.manage().deleteAllCookies();
        open("/console/login");
        find("#signin-button:not([disabled])");
        type("#username", user);
        type("#password", password);
        click("#signin-button");
        until(d -> d.getCurrentUrl().contains("/console/") && !d.getCurrentUrl().contains("/login"));
        find("#view[data-ready], #no-pages");
    }

    void signOut() {
        driver.manage().deleteAllCookies();
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the pages logged as errors since the last call, less those naming one of the refusals
     * the test provoked on purpose (a refused request is logged by the browser as a failed
     * resource) and the missing favicon.
     */
    List<String> errors(String... provoked) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> !m.contains("/favicon.ico"))
                .filter(m -> java.util.Arrays.stream(provoked).noneMatch(m::contains))
                .toList();
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
