package io.releaseledger.plugin;

import static io.releaseledger.plugin.ReleaseLedgerPermissions.APPROVE;
import static io.releaseledger.plugin.ReleaseLedgerPermissions.ROLLBACK;
import static io.releaseledger.plugin.ReleaseLedgerPermissions.VIEW;
import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import hudson.model.Item;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseState;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.AfterClass;
import org.junit.Assume;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Releases page in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}), rendered from
 * {@code index.jelly} as Jenkins' layout renders it ({@link JellyPage}) and served under Jenkins' context path
 * {@code /jenkins} by a real Jetty ({@link JenkinsUnderContextPath}), with the plugin's real action over a real H2
 * ledger. Jenkins' own script and stylesheet are stand-ins written for the test ({@code jenkins-imitation/}: its
 * dialogs with Jenkins' contract, its theme variables light and dark): what is asserted is the page's structure, its
 * classes, its behaviour and that it takes its colours from Jenkins' variables, not Jenkins' exact look.
 */
public class ReleasesPageBrowserTest {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private static LedgerFixture f;
    private static FakeJenkins jenkins;
    private static JenkinsUnderContextPath host;
    private static JenkinsUnderContextPath readOnlyHost;
    private static ChromeDriver driver;
    private static Path userData;
    private static Release superseded;
    private static Release live;
    private static Release awaiting;

    @BeforeClass
    public static void start() throws Exception {
        Assume.assumeTrue("browser tests skipped: " + CHROMIUM + " or " + CHROMEDRIVER + " is missing;"
                        + " run .ci/install-chromium.sh (Debian's chromium and chromium-driver) to enable them",
                new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute());
        f = new LedgerFixture();
        superseded = f.deployToStaging("1.0.0");
        live = f.deployToStaging("2.0.0");
        awaiting = f.engine.requestApproval(LedgerFixture.request("production", "1.0.0"));
        jenkins = new FakeJenkins(f, VIEW, APPROVE, ROLLBACK, Item.BUILD);
        host = new JenkinsUnderContextPath(new ReleasesRootAction(jenkins));
        readOnlyHost = new JenkinsUnderContextPath(new ReleasesRootAction(new FakeJenkins(f, VIEW)));
        userData = Files.createTempDirectory("release-ledger-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000", "--user-data-dir=" + userData);
        // The driver binary is named explicitly, so Selenium Manager never looks for (or downloads) one.
        driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build(), options);
    }

    @AfterClass
    public static void stop() throws Exception {
        if (driver != null) driver.quit();
        if (host != null) host.close();
        if (readOnlyHost != null) readOnlyHost.close();
        if (f != null) f.close();
        if (userData != null) {
            try (Stream<Path> files = Files.walk(userData)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Before
    public void clearLog() {
        host.log.clear();
        jenkins.scheduled.clear();
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    /** Opens {@code #route} on the Releases page and waits until the console has drawn it. */
    private static void open(String route) {
        open(host, route);
    }

    private static void open(JenkinsUnderContextPath on, String route) {
        driver.get(on.pageUrl() + "#" + route);
        driver.navigate().refresh(); // a new hash alone does not reload the page
        awaitDrawn(route);
    }

    private static void awaitDrawn(String route) {
        waiting().until(d -> route.split("\\?")[0].equals(d.findElement(By.id("rl-main")).getAttribute("data-loaded"))
                && "false".equals(d.findElement(By.id("rl-main")).getAttribute("aria-busy")));
    }

    /** Keeps what the page looks like in {@code target/screenshots/}, the whole page, for a person to look at. */
    private static void screenshot(String name) throws Exception {
        Path dir = Files.createDirectories(Path.of("target/screenshots"));
        Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight;");
        driver.manage().window().setSize(new Dimension(1400, Math.min(3000, Math.max(900, height.intValue() + 300))));
        Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        driver.manage().window().setSize(new Dimension(1400, 1000));
    }

    private static String appBarTitle() {
        return driver.findElement(By.cssSelector(".jenkins-app-bar .jenkins-app-bar__content h1")).getText();
    }

    /** The buttons in the app bar's controls, by their text. */
    private static List<String> actions() {
        return driver.findElements(By.cssSelector(".jenkins-app-bar__controls #rl-actions button")).stream()
                .map(WebElement::getText).toList();
    }

    private static WebElement action(String text) {
        return driver.findElement(By.xpath("//div[@id='rl-actions']/button[text()='" + text + "']"));
    }

    private static List<String> crumbs() {
        return driver.findElements(By.cssSelector("#breadcrumbs > li.jenkins-breadcrumbs__list-item")).stream()
                .map(WebElement::getText).toList();
    }

    private static List<String> posts() {
        return host.log.stream().filter(l -> l.startsWith("POST ")).toList();
    }

    /** The release's summary, read in one script: a refresh may redraw it between a look-up and a read. */
    private static String summary() {
        Object text = driver.executeScript("return document.querySelector('#rl-main .rl-summary')?.textContent ?? '';");
        return String.valueOf(text);
    }

    private static WebElement dialog() {
        waiting().until(d -> !d.findElements(By.cssSelector("dialog.jenkins-dialog[open]")).isEmpty());
        return driver.findElement(By.cssSelector("dialog.jenkins-dialog[open]"));
    }

    private static void awaitNoDialog() {
        waiting().until(d -> d.findElements(By.cssSelector("dialog.jenkins-dialog")).isEmpty());
    }

    @Test
    public void thePageLoadsItsScriptsAndStylesFromUnderJenkinsContextPath() throws Exception {
        String html = host.renderPage(JenkinsUnderContextPath.CONTEXT);
        assertThat(html, containsString("<script src=\"/jenkins/release-ledger/app.js\" type=\"module\"></script>"));
        assertThat(html, containsString("<link href=\"/jenkins/release-ledger/style.css\" rel=\"stylesheet\">"));
        assertThat(html, containsString("data-api=\"/jenkins/release-ledger/api/\""));

        open("/");
        List<WebElement> rows = driver.findElements(By.cssSelector("#rl-main tbody tr"));
        assertTrue("the dashboard lists staging and production: " + driver.getPageSource(), rows.size() >= 2);
        assertThat(rows.get(0).getText(), containsString("staging"));
        List<String> assets = host.log.stream().filter(l -> l.matches("GET \\S+\\.(js|css) \\d+")).toList();
        assertTrue("the modules and the stylesheet were asked for: " + host.log,
                assets.stream().anyMatch(l -> l.startsWith("GET /jenkins/release-ledger/app.js "))
                        && assets.stream().anyMatch(l -> l.startsWith("GET /jenkins/release-ledger/style.css "))
                        && assets.stream().anyMatch(l -> l.startsWith("GET /jenkins/release-ledger/jenkins-actions.js "))
                        && assets.stream().anyMatch(l -> l.startsWith("GET /jenkins/release-ledger/dom.js "))
                        && assets.stream().anyMatch(l -> l.startsWith("GET /jenkins/release-ledger/api.js ")));
        assertEquals("every script and style answered 200: " + host.log, List.of(),
                assets.stream().filter(l -> !l.endsWith(" 200")).toList());
        assertEquals("the stylesheet applies", "collapse",
                driver.findElement(By.cssSelector("#rl-main table.rl-table")).getCssValue("border-collapse"));
    }

    @Test
    public void theAppBarCarriesEachViewsTitleAndTheBreadcrumbsFollowAfterJenkinsOwn() {
        open("/");
        assertEquals("Releases", appBarTitle());
        assertEquals(List.of("Dashboard", "Releases"), crumbs());
        assertEquals("Releases [Jenkins]", driver.getTitle());

        open("/environments/production");
        assertEquals("History of production", appBarTitle());
        assertEquals(List.of("Dashboard", "Releases", "production"), crumbs());
        assertEquals("page", driver.findElement(By.cssSelector("#breadcrumbs > li:last-child")).getAttribute("aria-current"));

        open("/releases/" + awaiting.id());
        assertEquals("Release " + awaiting.id() + ": payments-api 1.0.0 in production", appBarTitle());
        assertEquals(List.of("Dashboard", "Releases", "production", "Release " + awaiting.id()), crumbs());
        assertEquals("Release " + awaiting.id() + ": payments-api 1.0.0 in production · Releases [Jenkins]", driver.getTitle());
        assertEquals("one heading: the app bar's", 1, driver.findElements(By.tagName("h1")).size());
        assertEquals("Jenkins' own crumbs stay", "/jenkins/release-ledger/",
                driver.findElement(By.cssSelector("#breadcrumbs > li:nth-child(2) > a")).getAttribute("pathname"));

        driver.findElement(By.cssSelector("#breadcrumbs > li:nth-child(3) > a")).click();
        awaitDrawn("/environments/production");
        assertEquals(List.of("Dashboard", "Releases", "production"), crumbs());
        assertEquals("History of production", appBarTitle());
    }

    @Test
    public void theSidePanelLinksTheDashboardEachEnvironmentsHistoryAndTheJsonApi() {
        open("/");
        List<WebElement> tasks = driver.findElements(By.cssSelector("#side-panel #tasks .task a.task-link"));
        assertEquals(List.of("Dashboard", "History of staging", "History of production", "JSON API"),
                tasks.stream().map(t -> t.findElement(By.className("task-link-text")).getText()).toList());
        assertEquals(List.of("/jenkins/release-ledger/#/", "/jenkins/release-ledger/#/environments/staging",
                        "/jenkins/release-ledger/#/environments/production", "/jenkins/release-ledger/api/dashboard"),
                tasks.stream().map(t -> t.getAttribute("pathname") + t.getAttribute("hash")).toList());
        assertEquals(List.of("Dashboard"), activeTasks());

        driver.executeScript("window.__samePage = true;");
        driver.findElement(By.linkText("History of staging")).click();
        awaitDrawn("/environments/staging");
        assertEquals("History of staging", appBarTitle());
        assertEquals("the console followed the link without a reload", Boolean.TRUE,
                driver.executeScript("return window.__samePage === true;"));
        assertEquals(List.of("History of staging"), activeTasks());

        open("/releases/" + awaiting.id());
        assertEquals("a release marks its environment's history", List.of("History of production"), activeTasks());

        driver.findElement(By.linkText("JSON API")).click();
        waiting().until(d -> d.getPageSource().contains("\"environments\""));
    }

    private static List<String> activeTasks() {
        return driver.findElements(By.cssSelector("#tasks a.task-link.task-link--active")).stream()
                .map(WebElement::getText).toList();
    }

    @Test
    public void aReleaseAwaitingApprovalOffersApproveAndRejectAsJenkinsButtonsInTheAppBar() throws Exception {
        open("/releases/" + awaiting.id());
        assertEquals(List.of("Approve", "Reject"), actions());
        assertEquals("jenkins-button jenkins-button--primary", action("Approve").getAttribute("class"));
        assertEquals("jenkins-button jenkins-!-destructive-color", action("Reject").getAttribute("class"));
        assertEquals("jenkins-buttons-row", action("Approve").findElement(By.xpath("..")).getAttribute("class"));
        assertTrue("no comment box on the page: the dialog asks for it", driver.findElements(By.tagName("textarea")).isEmpty());
        screenshot("release-awaiting-approval");
    }

    @Test
    public void aReleaseThatWasLiveAndIsNotNowOffersRollBackOnly() throws Exception {
        open("/releases/" + superseded.id());
        assertEquals(List.of("Roll back to this release"), actions());
        assertEquals("jenkins-button", action("Roll back to this release").getAttribute("class"));
    }

    @Test
    public void theLiveReleaseAndTheOtherViewsOfferNothing() {
        open("/releases/" + live.id());
        assertEquals(List.of(), actions());
        open("/");
        assertEquals(List.of(), actions());
        open("/environments/staging");
        assertEquals(List.of(), actions());
    }

    @Test
    public void withoutApproveOrRollbackNothingIsOffered() {
        open(readOnlyHost, "/releases/" + awaiting.id());
        assertEquals(List.of(), actions());
        open(readOnlyHost, "/releases/" + superseded.id());
        assertEquals(List.of(), actions());
    }

    @Test
    public void goingToAnotherViewTakesTheButtonsAwayAtOnce() {
        open("/releases/" + superseded.id());
        assertEquals(List.of("Roll back to this release"), actions());
        driver.findElement(By.cssSelector("#tasks a.task-link[href$='#/']")).click();
        awaitDrawn("/");
        assertEquals(List.of(), actions());
    }

    @Test
    public void rollingBackAsksFirstNamingTheReleaseAndItsEnvironmentAndCancelSendsNothing() throws Exception {
        open("/releases/" + superseded.id());
        action("Roll back to this release").click();
        WebElement dialog = dialog();
        assertEquals("Roll back staging to release " + superseded.id() + "?",
                dialog.findElement(By.className("jenkins-dialog__title")).getText());
        assertThat(dialog.findElement(By.className("jenkins-dialog__contents")).getText(),
                containsString("payments-api 1.0.0 in staging goes live again"));
        WebElement ok = dialog.findElement(By.cssSelector("button[data-id=ok]"));
        assertEquals("Roll back", ok.getText());
        assertEquals("a destructive confirmation", "jenkins-button jenkins-button--primary jenkins-!-destructive-color",
                ok.getAttribute("class"));
        screenshot("rollback-confirmation");
        dialog.findElement(By.cssSelector("button[data-id=cancel]")).click();
        awaitNoDialog();
        assertEquals("Cancel sends nothing", List.of(), posts());
        assertEquals(List.of(), jenkins.scheduled);
        assertEquals(List.of("Roll back to this release"), actions());

        action("Roll back to this release").click();
        dialog().findElement(By.cssSelector("button[data-id=ok]")).click();
        waiting().until(d -> d.findElement(By.id("rl-action-status")).getText().contains("was scheduled"));
        assertEquals(List.of("POST /jenkins/release-ledger/rollback 202"), posts());
        assertEquals(1, jenkins.scheduled.size());
        assertEquals("A build of " + LedgerFixture.JOB + " was scheduled to roll staging back to 1.0.0.",
                driver.findElement(By.id("rl-action-status")).getText());
    }

    @Test
    public void approvingAsksForACommentRecordsItAndTheButtonsFollowTheReleasesNewState() throws Exception {
        Release second = f.engine.requestApproval(LedgerFixture.request("production", "2.0.0"));
        open("/releases/" + second.id());
        action("Approve").click();
        WebElement dialog = dialog();
        assertEquals("Approve release " + second.id() + "?", dialog.findElement(By.className("jenkins-dialog__title")).getText());
        assertThat(dialog.findElement(By.className("jenkins-dialog__contents")).getText(),
                containsString("payments-api 2.0.0 in production"));
        dialog.findElement(By.cssSelector("input[data-id=input]")).sendKeys("ship it");
        screenshot("approve-prompt");
        dialog.findElement(By.cssSelector("button[data-id=ok]")).click();
        waiting().until(d -> d.findElements(By.cssSelector("#rl-actions button")).isEmpty()
                && summary().contains("APPROVED"));
        assertEquals(ReleaseState.APPROVED, f.ledger.release(second.id()).state());
        assertEquals("ship it", f.ledger.approvals(second.id()).get(0).comment());
        assertThat(driver.findElement(By.id("rl-action-status")).getText(), containsString("bob"));
        assertEquals("the crumb was sent: " + host.log, List.of("POST /jenkins/release-ledger/approve 200"), posts());
    }

    @Test
    public void rejectingAsksInRedCancelSendsNothingAndARejectedReleaseOffersNothing() throws Exception {
        Release third = f.engine.requestApproval(LedgerFixture.request("production", "2.0.0"));
        open("/releases/" + third.id());
        action("Reject").click();
        WebElement dialog = dialog();
        assertEquals("Reject release " + third.id() + "?", dialog.findElement(By.className("jenkins-dialog__title")).getText());
        assertThat(dialog.findElement(By.cssSelector("button[data-id=ok]")).getAttribute("class"),
                containsString("jenkins-!-destructive-color"));
        dialog.findElement(By.cssSelector("button[data-id=cancel]")).click();
        awaitNoDialog();
        assertEquals(List.of(), posts());
        assertEquals(ReleaseState.AWAITING_APPROVAL, f.ledger.release(third.id()).state());

        action("Reject").click();
        dialog().findElement(By.cssSelector("input[data-id=input]")).sendKeys("not on a Friday");
        dialog().findElement(By.cssSelector("button[data-id=ok]")).click();
        waiting().until(d -> summary().contains("REJECTED"));
        assertEquals(ReleaseState.REJECTED, f.ledger.release(third.id()).state());
        assertEquals(List.of(), actions());
        open("/releases/" + third.id());
        assertEquals("a rejected release offers nothing", List.of(), actions());
    }

    /** The colour the browser computes for a CSS value, e.g. {@code var(--text-color)}, in the page's theme now. */
    private static String colour(String cssValue) {
        return rgba((String) driver.executeScript("const probe = document.createElement('span');"
                + " probe.style.color = arguments[0]; document.body.append(probe);"
                + " const c = getComputedStyle(probe).color; probe.remove(); return c;", cssValue));
    }

    private static String computed(String selector, String property) {
        return rgba(driver.findElement(By.cssSelector(selector)).getCssValue(property));
    }

    /** {@code rgb(1, 2, 3)} as WebDriver spells it, {@code rgba(1, 2, 3, 1)}. */
    private static String rgba(String colour) {
        return colour.startsWith("rgb(") ? colour.replace("rgb(", "rgba(").replace(")", ", 1)") : colour;
    }

    private static void theme(String name) {
        driver.executeScript(name == null ? "delete document.documentElement.dataset.theme;"
                : "document.documentElement.dataset.theme = arguments[0];", name);
    }

    /** What the console draws takes every colour from Jenkins' theme, so it reads the same in light and dark. */
    private static void assertColoursFollowTheTheme(String theme) {
        assertEquals(theme + ": text", colour("var(--text-color)"), computed("#rl-main .rl-summary dd", "color"));
        assertEquals(theme + ": links", colour("var(--link-color)"), computed("#rl-main .rl-summary a", "color"));
        assertEquals(theme + ": table headers", colour("var(--table-background)"),
                computed("#rl-main table thead th", "background-color"));
        assertEquals(theme + ": the page", colour("var(--background)"), computed("body", "background-color"));
    }

    @Test
    public void lightAndDarkThemeTakeTheirColoursFromJenkinsAndADarkSystemLeavesALightJenkinsLight() throws Exception {
        try {
            for (String theme : new String[] {"light", "dark"}) {
                String dataTheme = theme.equals("dark") ? "dark" : null;
                open("/releases/" + live.id());
                theme(dataTheme);
                assertColoursFollowTheTheme(theme);
                open("/releases/" + awaiting.id());
                theme(dataTheme);
                screenshot("release-awaiting-" + theme);
                open("/releases/" + superseded.id());
                theme(dataTheme);
                action("Roll back to this release").click();
                dialog();
                screenshot("rollback-confirmation-" + theme);
                dialog().findElement(By.cssSelector("button[data-id=cancel]")).click();
                awaitNoDialog();
                open("/");
                theme(dataTheme);
                screenshot("dashboard-" + theme);
            }
            assertEquals("Cancel sent nothing", List.of(), posts());

            // A reader whose system prefers dark, in a Jenkins with its light theme: the page stays Jenkins' light.
            driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                    List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
            open("/releases/" + live.id());
            theme(null);
            assertEquals("rgba(254, 254, 254, 1)", computed("body", "background-color"));
            assertColoursFollowTheTheme("light under a dark system");
        } finally {
            driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
            theme(null);
        }
    }
}
