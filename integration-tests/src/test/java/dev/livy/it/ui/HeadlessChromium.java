package dev.livy.it.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver: both paths are given, so Selenium Manager
 * never looks for (or downloads) a driver or a browser. {@link #close} quits the browser and its driver.
 */
public final class HeadlessChromium implements AutoCloseable {
    public static final Path BROWSER = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");

    private static final int WIDTH = 1400;
    private static final int HEIGHT = 900;

    private final ChromeDriver driver;

    public HeadlessChromium() {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=" + WIDTH + "," + HEIGHT, "--no-first-run", "--disable-extensions", "--disable-sync",
                "--disable-background-networking", "--disable-component-update");
        driver = new ChromeDriver(service, options);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** An explicit wait: polls a condition a user would watch for, up to the timeout. */
    public WebDriverWait waitUpTo(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout);
        // The pages redraw what changed every second or so: an element found may be replaced before it is read.
        wait.pollingEvery(Duration.ofMillis(100)).ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** Saves the whole page, beyond the window, as {@code target/ui-screenshots/NAME.png}; returns the file. */
    public Path screenshot(String name) throws IOException {
        @SuppressWarnings("unchecked")
        List<Number> size = (List<Number>) driver.executeScript("const page = document.documentElement;"
                + "return [page.scrollWidth, page.scrollHeight];");
        // Chromium's own capture (through chromedriver, no DevTools client): a window cannot outgrow the screen.
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", size.get(0),
                        "height", size.get(1), "scale", 1)));
        Files.createDirectories(SCREENSHOTS);
        Path target = SCREENSHOTS.resolve(name + ".png").toAbsolutePath();
        Files.write(target, Base64.getDecoder().decode((String) shot.get("data")));
        return target;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
