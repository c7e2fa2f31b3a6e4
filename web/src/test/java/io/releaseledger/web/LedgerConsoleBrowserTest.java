package io.releaseledger.web;

import static io.releaseledger.web.ScriptedLedger.ALICE;
import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.releaseledger.approval.Decision;
import io.releaseledger.artifact.ArtifactKind;
import io.releaseledger.artifact.ArtifactRegistration;
import io.releaseledger.artifact.ArtifactSource;
import io.releaseledger.artifact.Digest;
import io.releaseledger.health.HealthSample;
import io.releaseledger.health.VerificationPlan;
import io.releaseledger.health.VerificationPolicy;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.ReleaseRequest;
import io.releaseledger.ledger.SampleRecord;
import io.releaseledger.ledger.Transition;
import io.releaseledger.promotion.FreezeOverride;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseMode;
import io.releaseledger.release.ReleasePlan;
import io.releaseledger.release.ReleaseState;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import org.junit.AfterClass;
import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}), served by
 * {@link ConsoleHost} from one ledger seeded once for the class. Screenshots go to {@code target/screenshots/}.
 */
public class LedgerConsoleBrowserTest {
    private static final Logger LOG = Logger.getLogger(LedgerConsoleBrowserTest.class.getName());
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final int LOAD_RELEASES = 10_000;
    /** Runs script if it is ever parsed as HTML; sets a flag the test reads, and alerts. */
    static final String PAYLOAD = "<img src=x onerror=window.__xss=1;alert(1)>";

    private static ScriptedLedger f;
    private static ConsoleHost host;
    private static ConsoleHost hostWithoutCsp;
    private static ChromeDriver driver;
    private static Path userData;
    private static final List<Long> loadIds = new ArrayList<>(); // newest first
    private static Release good;
    private static Release rolledBack;
    private static Release xssRelease;
    private static Release hotfix;
    private static long sqlReleaseId;
    private static int page;

    @BeforeClass
    public static void start() throws Exception {
        Assume.assumeTrue("browser tests skipped: " + CHROMIUM + " or " + CHROMEDRIVER + " is missing;"
                        + " run .ci/install-chromium.sh (Debian's chromium and chromium-driver) to enable them",
                new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute());
        // Three days ago, so times read "2 days ago" in the browser, which uses the real clock.
        f = new ScriptedLedger(java.time.Instant.now().minus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                "dev", "staging", "production", "load-test", "sandbox", "hotfix");
        seedReleases();
        seedAlerts();
        seedLoad();
        seedHostileText();
        LedgerWeb web = new LedgerWeb(f.ledger);
        host = new ConsoleHost(web, true);
        hostWithoutCsp = new ConsoleHost(web, false);
        driver = chromium();
    }

    private static void seedReleases() {
        f.register("payments-api", "1.0.0");
        f.clock.advance(Duration.ofDays(1));
        f.register("payments-api", "2.0.0");
        f.clock.advance(Duration.ofDays(1));
        f.register("payments-api", "2.1.0");
        f.live("dev", "payments-api", "1.0.0");
        f.live("staging", "payments-api", "1.0.0");
        good = f.live("production", "payments-api", "1.0.0");
        f.live("dev", "payments-api", "2.0.0");
        f.live("staging", "payments-api", "2.0.0");
        rolledBack = f.rolledBack("production", "payments-api", "2.0.0", good);
        f.live("dev", "payments-api", "2.1.0");
        f.move(f.request("production", "payments-api", "2.0.0", ALICE), ReleaseState.AWAITING_APPROVAL,
                "needs 1 approval from release-managers", ALICE);
        f.clock.advance(Duration.ofMinutes(4));
    }

    /**
     * An emergency deploy through a freeze window whose owner then died: the ledger still records it VERIFYING, and
     * its lease has expired (set with SQL: the expiry is judged by the database's clock, not the fixture's).
     */
    private static void seedAlerts() throws Exception {
        String plan = new ReleasePlan(new VerificationPlan(List.of(), VerificationPolicy.DEFAULTS), null, null,
                new FreezeOverride("change-freeze", java.time.Instant.parse("2027-01-04T00:00:00Z"), "alice",
                        "INC-4711 payments down", f.clock.instant())).toJson();
        Release r = f.ledger.requestRelease(new ReleaseRequest("hotfix", "payments-api", "2.1.0", ReleaseMode.DEPLOY,
                plan), ALICE);
        for (ReleaseState to : List.of(ReleaseState.APPROVED, ReleaseState.DEPLOYING, ReleaseState.VERIFYING)) {
            r = f.move(r, to, "test", ALICE);
        }
        f.ledger.acquireLease("hotfix", "alice@ci-7 (release-ledger pid 4242)", r.id(), Duration.ofMinutes(1), ALICE);
        try (Connection c = f.store.connect(); java.sql.Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE environment_leases SET expires_at = 1000 WHERE environment = 'hotfix'");
        }
        hotfix = r;
    }

    /** 10,000 releases through the Ledger API: each requested, then aborted or (one in 20) taken live. */
    private static void seedLoad() {
        long started = System.nanoTime();
        f.register("load-gen", "1.0");
        for (int i = 0; i < LOAD_RELEASES; i++) {
            Release r = f.ledger.requestRelease(ReleaseRequest.deploy("load-test", "load-gen", "1.0"), ALICE);
            if (i % 20 == 0) {
                for (ReleaseState to : List.of(ReleaseState.APPROVED, ReleaseState.DEPLOYING, ReleaseState.VERIFYING,
                        ReleaseState.LIVE)) {
                    r = f.ledger.transition(r.id(), Transition.of(r.state(), to, "load"), ALICE);
                }
            } else {
                r = f.ledger.transition(r.id(), Transition.of(r.state(), ReleaseState.ABORTED, "stopped by the pipeline"),
                        ALICE);
            }
            loadIds.add(r.id());
        }
        java.util.Collections.reverse(loadIds);
        LOG.info(String.format("seeded %,d releases through the Ledger API in %.1f s", LOAD_RELEASES,
                (System.nanoTime() - started) / 1e9));
    }

    /**
     * The payload in every free-text field a user controls, through the API; and, since the API refuses
     * it as an artifact name, one artifact and release written with SQL as another tool might.
     */
    private static void seedHostileText() throws Exception {
        Actor mallory = new Actor(PAYLOAD, PAYLOAD);
        f.ledger.registerArtifact(new ArtifactRegistration("web-shop", "6.6.6", ScriptedLedger.digest("web-shop", "6.6.6"),
                ArtifactKind.FILE, PAYLOAD, new ArtifactSource(PAYLOAD, PAYLOAD, "abc")), mallory);
        Release r = f.ledger.requestRelease(ReleaseRequest.deploy("sandbox", "web-shop", "6.6.6"), mallory);
        r = f.move(r, ReleaseState.AWAITING_APPROVAL, PAYLOAD, mallory);
        f.ledger.decide(r.id(), PAYLOAD, Set.of("release-managers"), Decision.APPROVE, PAYLOAD, mallory);
        for (ReleaseState to : List.of(ReleaseState.APPROVED, ReleaseState.DEPLOYING, ReleaseState.VERIFYING)) {
            r = f.move(r, to, PAYLOAD, mallory);
        }
        f.ledger.recordSample(r.id(), new SampleRecord(ReleaseMode.DEPLOY, new HealthSample(PAYLOAD,
                HealthSample.Outcome.HEALTHY, f.clock.instant(), Duration.ofMillis(5), PAYLOAD, PAYLOAD, PAYLOAD, 1)),
                mallory);
        xssRelease = f.move(r, ReleaseState.LIVE, PAYLOAD, mallory);

        long now = f.clock.millis();
        Digest d = Digest.sha256(PAYLOAD.getBytes(StandardCharsets.UTF_8));
        try (Connection c = f.store.connect()) {
            try (PreparedStatement a = c.prepareStatement("INSERT INTO artifacts (name, version, digest, kind, location,"
                    + " registered_at, registered_by) VALUES (?, '1.0', ?, 'FILE', ?, ?, ?)")) {
                a.setString(1, PAYLOAD);
                a.setString(2, d.value());
                a.setString(3, PAYLOAD);
                a.setLong(4, now);
                a.setString(5, PAYLOAD);
                a.executeUpdate();
            }
            // The ledger gives ids itself (one more than the highest), so a row written behind its back does too.
            try (PreparedStatement q = c.prepareStatement("INSERT INTO releases (id, environment, artifact_name,"
                    + " artifact_version, digest, mode, state, state_reason, initiator, origin, requested_at, updated_at,"
                    + " live_at) VALUES ((SELECT MAX(id) + 1 FROM releases), 'sandbox', ?, '1.0', ?, 'DEPLOY', 'LIVE', ?, ?,"
                    + " ?, ?, ?, ?)",
                    new String[] {"id"})) {
                q.setString(1, PAYLOAD);
                q.setString(2, d.value());
                q.setString(3, PAYLOAD);
                q.setString(4, PAYLOAD);
                q.setString(5, PAYLOAD);
                q.setLong(6, now);
                q.setLong(7, now);
                q.setLong(8, now);
                q.executeUpdate();
                try (var keys = q.getGeneratedKeys()) {
                    keys.next();
                    sqlReleaseId = keys.getLong(1);
                }
            }
        }
    }

    private static ChromeDriver chromium() throws Exception {
        userData = Files.createTempDirectory("ledger-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000", "--user-data-dir=" + userData);
        // The driver binary is named explicitly, so Selenium Manager never looks for (or downloads) one.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @AfterClass
    public static void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (host != null) {
            host.close();
            hostWithoutCsp.close();
        }
        if (f != null) {
            f.close();
        }
        if (userData != null) {
            try (var files = Files.walk(userData)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    /** Loads the page afresh at a console route and waits until the view has rendered; returns the load time. */
    private static long open(ConsoleHost on, String route) {
        long started = System.nanoTime();
        driver.get(on.url() + "?_=" + (++page) + "#" + route);
        awaitRendered();
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static void awaitRendered() {
        new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(20)).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
                .executeScript("const m = document.getElementById('rl-main');"
                        + " return m.dataset.loaded !== undefined && m.getAttribute('aria-busy') === 'false';")));
    }

    private static void screenshot(String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        // Size the window to the page so the whole view is in the picture.
        Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight;");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, Math.min(4000,
                Math.max(800, height.intValue() + 200))));
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));
    }

    private static WebElement row(String environment) {
        return driver.findElement(By.cssSelector("tr[data-environment='" + environment + "']"));
    }

    /** The release ids of the history table, read in one script so a re-render cannot leave stale elements. */
    private static List<Long> historyIds() {
        List<?> raw = (List<?>) driver.executeScript("return Array.from(document.querySelectorAll("
                + "'table.rl-history tbody tr'), tr => tr.dataset.release);");
        List<Long> ids = new ArrayList<>();
        raw.forEach(id -> ids.add(Long.parseLong(id.toString())));
        return ids;
    }

    private static void click(String action, long expectedFirstId) {
        driver.findElement(By.cssSelector("button[data-action='" + action + "']")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(20)).until(d -> {
            List<Long> ids = historyIds();
            return !ids.isEmpty() && ids.get(0) == expectedFirstId
                    && "false".equals(d.findElement(By.id("rl-main")).getAttribute("aria-busy"));
        });
    }

    // --- tests ---------------------------------------------------------------------------------

    @Test
    public void dashboardShowsEachEnvironmentsLiveVersion() throws Exception {
        long millis = open(host, "/");
        LOG.info("dashboard loaded in " + millis + " ms");
        assertEquals("2.1.0", row("dev").findElement(By.cssSelector(".rl-version")).getText());
        assertEquals("2.0.0", row("staging").findElement(By.cssSelector(".rl-version")).getText());
        assertEquals("1.0.0", row("production").findElement(By.cssSelector(".rl-version")).getText());
        assertThat(row("production").getText(), containsString("last attempt: payments-api 2.0.0"));
        assertThat(row("production").getText(), containsString("behind staging"));
        assertThat(row("staging").getText(), containsString("behind dev"));
        assertThat(row("production").getText(), containsString("payments-api 2.0.0 by alice"));
        WebElement time = row("dev").findElement(By.cssSelector("time"));
        assertThat(time.getText(), containsString("ago"));
        assertThat(time.getAttribute("title"), containsString("UTC"));
        assertEquals("Environments in promotion order", driver.findElement(By.cssSelector("table caption")).getText());
        screenshot("dashboard");
        // The same page as a browser in dark mode sees it.
        driver.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("features",
                List.of(java.util.Map.of("name", "prefers-color-scheme", "value", "dark"))));
        try {
            open(host, "/");
            screenshot("dashboard-dark");
        } finally {
            driver.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("features", List.of()));
        }
    }

    @Test
    public void pagingThroughTenThousandReleasesShowsEveryPageInOrder() throws Exception {
        long millis = open(host, "/environments/load-test");
        LOG.info("history page 1 loaded in " + millis + " ms");
        assertEquals(loadIds.subList(0, 50), historyIds());
        assertFalse(driver.findElement(By.cssSelector("button[data-action='older']")).getAttribute("disabled") != null);
        screenshot("history");
        for (int p = 1; p <= 5; p++) {
            long started = System.nanoTime();
            click("older", loadIds.get(p * 50));
            LOG.info("history page " + (p + 1) + " loaded in " + (System.nanoTime() - started) / 1_000_000 + " ms");
            assertEquals(loadIds.subList(p * 50, p * 50 + 50), historyIds());
        }
        for (int p = 4; p >= 0; p--) {
            click("newer", loadIds.get(p * 50));
            assertEquals(loadIds.subList(p * 50, p * 50 + 50), historyIds());
        }
        assertTrue(driver.findElement(By.cssSelector("button[data-action='newer']")).getAttribute("disabled") != null);

        long last = open(host, "/environments/load-test?before=" + loadIds.get(LOAD_RELEASES - 51));
        LOG.info("last history page (releases 9,951 to 10,000) loaded in " + last + " ms");
        assertEquals(loadIds.subList(LOAD_RELEASES - 50, LOAD_RELEASES), historyIds());
        assertTrue(driver.findElement(By.cssSelector("button[data-action='older']")).getAttribute("disabled") != null);
    }

    @Test
    public void historyFilterByStateShowsOnlyThatState() {
        open(host, "/environments/load-test");
        new Select(driver.findElement(By.id("rl-filter-state"))).selectByValue("SUPERSEDED");
        driver.findElement(By.cssSelector("form.rl-filter button[type='submit']")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(20)).until(d -> d.getCurrentUrl().contains("state=SUPERSEDED")
                && d.findElements(By.cssSelector("table.rl-history tbody tr .rl-state-aborted")).isEmpty()
                && !d.findElements(By.cssSelector("table.rl-history tbody tr")).isEmpty());
        for (WebElement badge : driver.findElements(By.cssSelector("table.rl-history tbody .rl-badge"))) {
            assertEquals("SUPERSEDED", badge.getText());
        }
        assertEquals(loadIds.get(39), historyIds().get(0)); // the newest taken live (index 19) is LIVE; the one before it 20 older
    }

    @Test
    public void timelineOfARolledBackReleaseShowsTheFailingSamplesAndTheRollback() throws Exception {
        open(host, "/releases/" + rolledBack.id());
        String heading = driver.findElement(By.tagName("h1")).getText();
        assertEquals("Release " + rolledBack.id() + ": payments-api 2.0.0 in production", heading);
        List<WebElement> unhealthy = driver.findElements(By.cssSelector("tr[data-outcome='UNHEALTHY']"));
        assertEquals(2, unhealthy.size());
        assertThat(unhealthy.get(0).getText(), containsString("status 500 is not in 2xx"));
        assertEquals(1, driver.findElements(By.cssSelector("tr[data-outcome='HEALTHY']")).size());
        String summary = driver.findElement(By.cssSelector("dl.rl-summary")).getText();
        assertThat(summary, containsString("Rolled back to"));
        assertThat(summary, containsString("release " + good.id() + ": payments-api 1.0.0"));
        String events = driver.findElement(By.cssSelector("table.rl-events")).getText();
        assertThat(events, containsString("Approved by bob"));
        assertThat(events, containsString("rolling back to release " + good.id()));
        assertThat(events, containsString("ROLLED BACK"));
        assertEquals("bob", driver.findElement(By.cssSelector("table.rl-approvals tbody th")).getText());
        driver.findElement(By.cssSelector(".rl-notes summary")).click();
        String notes = driver.findElement(By.cssSelector(".rl-notes pre")).getText();
        assertThat(notes, containsString("# Release " + rolledBack.id() + ": payments-api 2.0.0 in production"));
        assertThat(notes, containsString("**Rolled back to:** release " + good.id()));
        screenshot("timeline");
    }

    @Test
    public void aFreezeOverrideAndALostOwnerStandOutAboveTheRelease() throws Exception {
        open(host, "/releases/" + hotfix.id());
        String override = driver.findElement(By.cssSelector("p.rl-freeze-override")).getText();
        assertThat(override, containsString("Freeze overridden: deployed through freeze window change-freeze"));
        assertThat(override, containsString("on the emergency override of alice"));
        assertThat(override, containsString("INC-4711 payments down"));
        String lost = driver.findElement(By.cssSelector("p.rl-lost-owner")).getText();
        assertThat(lost, containsString("Interrupted: the lease held by alice@ci-7 (release-ledger pid 4242) expired"));
        assertThat(lost, containsString("The ledger still records VERIFYING"));
        String summary = driver.findElement(By.cssSelector("dl.rl-summary")).getText();
        assertThat(summary, containsString("INTERRUPTED"));
        assertThat(summary, containsString("Freeze overridden"));
        WebElement requested = driver.findElement(By.cssSelector("tr[data-type='RELEASE_REQUESTED']"));
        assertThat(requested.findElement(By.cssSelector(".rl-freeze-override")).getText(),
                containsString("INC-4711 payments down"));
        screenshot("freeze-override-and-lost-owner");
    }

    @Test
    public void ledgerTextIsShownLiterallyAndNeverRunsAsHtml() throws Exception {
        for (String route : List.of("/", "/environments/sandbox", "/releases/" + xssRelease.id(),
                "/releases/" + sqlReleaseId)) {
            open(hostWithoutCsp, route);
            assertNoScriptRan(route);
            String text = driver.findElement(By.id("rl-main")).getText();
            assertThat(route, text, containsString(PAYLOAD));
            if (route.equals("/releases/" + xssRelease.id())) {
                screenshot("timeline-hostile-text");
                // approval comment, reason, location, actor and sample reason each show the payload as text
                assertThat(driver.findElement(By.cssSelector("table.rl-approvals")).getText(), containsString(PAYLOAD));
                assertThat(driver.findElement(By.cssSelector("table.rl-samples")).getText(), containsString(PAYLOAD));
                assertEquals(PAYLOAD, driver.findElement(By.cssSelector(".rl-location")).getText());
                assertEquals(PAYLOAD, driver.findElement(By.cssSelector(".rl-origin")).getText());
            }
            if (route.equals("/")) {
                assertThat(row("sandbox").findElement(By.cssSelector(".rl-artifact")).getText(), containsString(PAYLOAD));
                screenshot("dashboard-hostile-text");
            }
        }
    }

    @Test
    public void dashboardShowsANewLiveReleaseWithoutAReload() {
        open(host, "/");
        refreshEverySecond();
        f.ledger.defineEnvironment("canary", 90, ALICE);
        Release canary = f.live("canary", "payments-api", "2.1.0");
        new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(100)).until(d -> !d.findElements(
                By.cssSelector("tr[data-environment='canary'] a[href='#/releases/" + canary.id() + "']")).isEmpty());
        assertEquals("the page was reloaded instead of refreshed", 1L, driver.executeScript("return window.__sameLoad;"));
    }

    @Test
    public void aFailedRefreshKeepsWhatIsShownAndSaysSinceWhen() throws Exception {
        ConsoleHost going = new ConsoleHost(new LedgerWeb(f.ledger), true);
        try {
            open(going, "/");
            refreshEverySecond();
        } finally {
            going.close();
        }
        new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(100)).until(d ->
                d.findElement(By.id("rl-refresh-status")).isDisplayed());
        assertThat(driver.findElement(By.id("rl-refresh-status")).getText(), containsString("Could not refresh"));
        assertThat(driver.findElement(By.id("rl-refresh-status")).getText(), containsString("UTC; trying again"));
        assertEquals("2.1.0", row("dev").findElement(By.cssSelector(".rl-version")).getText());
    }

    /** Marks this page load, then renders the view again with a one-second refresh. */
    private static void refreshEverySecond() {
        driver.executeScript("window.__sameLoad = 1;"
                + " document.getElementById('release-ledger').dataset.refreshSeconds = '1';"
                + " window.dispatchEvent(new HashChangeEvent('hashchange'));");
        awaitRendered();
    }

    private static void assertNoScriptRan(String route) {
        try {
            driver.switchTo().alert();
            throw new AssertionError("an alert opened on " + route + ": ledger text ran as script");
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
        assertNull(route + ": the payload's onerror handler ran", driver.executeScript("return window.__xss;"));
        assertEquals(route + ": an <img> element was created from ledger text", 0L,
                driver.executeScript("return document.querySelectorAll('img').length;"));
    }
}
