package org.qsebms.bms.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.qsebms.bms.telemetry.MqttTopics;

/**
 * The dashboard in a real browser (Debian's chromium and chromedriver, through Selenium) against the real
 * controller on the simulated pack: the page loads with no console errors, its values change within 3 s, and an
 * alarm injected in the simulated pack appears with its reason. Leaves {@code target/dashboard-screenshot.png}.
 * Skipped when chromium or chromedriver is not installed (CI installs both).
 */
class DashboardBrowserTest {
    private static final List<String> CARD_VALUES = List.of(
            "packVolts", "packAmps", "soc", "socBound", "maxCelsius", "minCelsius", "chargeLimit", "dischargeLimit");

    @TempDir
    Path dir;

    private static Optional<Path> executable(String... candidates) {
        for (String c : candidates) {
            if (c != null && Files.isExecutable(Path.of(c))) {
                return Optional.of(Path.of(c));
            }
        }
        return Optional.empty();
    }

    @Test
    void showsLiveValuesAndAnInjectedAlarmWithoutConsoleErrors() throws Exception {
        Optional<Path> chromium =
                executable(System.getenv("CHROME_BIN"), "/usr/bin/chromium", "/usr/bin/chromium-browser");
        Optional<Path> driverBinary =
                executable(System.getenv("CHROMEDRIVER"), "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        assumeTrue(
                chromium.isPresent() && driverBinary.isPresent(),
                "chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");

        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + dir.resolve("chromium-profile"),
                "--window-size=1400,2000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driverBinary.get().toFile())
                .usingAnyFreePort()
                .build();

        try (SimulatedDashboard bms = SimulatedDashboard.start(dir.resolve("state"))) {
            WebDriver browser = new ChromeDriver(service, options);
            try {
                browser.get(bms.server.url());
                assertThat(browser.getTitle()).isEqualTo("qse-bms dashboard");
                await(() -> "NORMAL".equals(text(browser, "state")), Duration.ofSeconds(20), "state NORMAL");
                assertThat(text(browser, "pack")).isEqualTo("dash");
                assertThat(browser.findElements(By.cssSelector(".uplot")))
                        .as("uPlot charts")
                        .hasSize(6);
                assertThat(browser.findElement(By.id("ctPos")).getText()).contains("closed");

                String before = cards(browser);
                long t0 = System.nanoTime();
                await(() -> !cards(browser).equals(before), Duration.ofSeconds(3), "values changing within 3 s");
                assertThat(System.nanoTime() - t0).isLessThan(3_000_000_000L);
                long changedMillis = (System.nanoTime() - t0) / 1_000_000;

                assertThat(text(browser, "noAlarms")).isEqualTo("No active alarms.");
                // -Dqse.dashboard.warmupSeconds=N lets the charts fill before the alarm (for the docs' picture)
                Thread.sleep(1000L * Integer.getInteger("qse.dashboard.warmupSeconds", 0));
                long injected = System.nanoTime();
                bms.driveCellTo(1, 4.27); // above the RSL (4.25 V), below the MSL (4.30 V)
                await(
                        () -> browser.findElement(By.id("alarms")).getText().contains("CELL_OVER_VOLTAGE.RSL"),
                        Duration.ofSeconds(10),
                        "the injected alarm in the alarm table");
                System.out.printf(
                        "dashboard in chromium: values changed after %d ms, injected alarm shown after %d ms "
                                + "(300 ms debounce, 1 s samples)%n",
                        changedMillis, (System.nanoTime() - injected) / 1_000_000);
                String table = browser.findElement(By.id("alarms")).getText();
                assertThat(table).contains("RSL").contains("cell 2").contains("above limit 4.250 V");
                assertThat(browser.findElement(By.id("alarmsPanel")).getDomAttribute("data-active"))
                        .isEqualTo("true");
                Thread.sleep(1500); // one more sample, so the cell bar above the RSL line is drawn
                assertThat(text(browser, "balancing")).matches("No cell is balancing\\.|Balancing: cell .*");

                Path shot = ((TakesScreenshot) browser)
                        .getScreenshotAs(OutputType.FILE)
                        .toPath();
                Path artefact = Path.of("target", "dashboard-screenshot.png");
                Files.createDirectories(artefact.getParent());
                Files.copy(shot, artefact, StandardCopyOption.REPLACE_EXISTING);
                assertThat(Files.size(artefact)).isGreaterThan(10_000);

                // the operator turns balancing off over MQTT: the caption says so
                try (var operator =
                        new MqttClient(bms.broker.url(), "dashboard-test-operator", new MemoryPersistence())) {
                    operator.connect();
                    operator.publish(
                            new MqttTopics("qse-bms", "dash").command("balancing"),
                            "{\"id\":\"b1\",\"enabled\":false}".getBytes(StandardCharsets.UTF_8),
                            1,
                            false);
                    operator.disconnect();
                }
                await(
                        () -> text(browser, "balancing").startsWith("Balancing is off"),
                        Duration.ofSeconds(10),
                        "the balancing caption after the command");

                List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                        .map(LogEntry::getMessage)
                        .toList();
                assertThat(errors).as("console errors").isEmpty();
            } finally {
                browser.quit();
                bms.sim.pack().driveCellVoltage(1, 0);
            }
        }
    }

    private static String text(WebDriver browser, String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static String cards(WebDriver browser) {
        StringBuilder b = new StringBuilder();
        for (String id : CARD_VALUES) {
            b.append(text(browser, id)).append('|');
        }
        return b.toString();
    }

    private static void await(Supplier<Boolean> condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(100);
        }
    }
}
