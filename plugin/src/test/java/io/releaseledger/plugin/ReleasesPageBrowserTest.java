package io.releaseledger.plugin;

import static io.releaseledger.plugin.ReleaseLedgerPermissions.APPROVE;
import static io.releaseledger.plugin.ReleaseLedgerPermissions.ROLLBACK;
import static io.releaseledger.plugin.ReleaseLedgerPermissions.VIEW;
import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.releaseledger.release.Release;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.AfterClass;
import org.junit.Assume;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Releases page in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}), rendered from
 * {@code index.jelly} and served under Jenkins' context path {@code /jenkins} by a real Jetty
 * ({@link JenkinsUnderContextPath}), with the plugin's real action over a real H2 ledger.
 */
public class ReleasesPageBrowserTest {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private static LedgerFixture f;
    private static FakeJenkins jenkins;
    private static JenkinsUnderContextPath host;
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
        jenkins = new FakeJenkins(f, VIEW, APPROVE, ROLLBACK);
        host = new JenkinsUnderContextPath(new ReleasesRootAction(jenkins));
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
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    /** Opens {@code #route} on the Releases page and waits until the console has drawn it. */
    private static void open(String route) {
        driver.get(host.pageUrl() + "#" + route);
        driver.navigate().refresh(); // a new hash alone does not reload the page
        waiting().until(d -> route.equals(d.findElement(By.id("rl-main")).getAttribute("data-loaded")));
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
                        && assets.stream().anyMatch(l -> l.startsWith("GET /jenkins/release-ledger/jenkins-actions.js ")));
        assertEquals("every script and style answered 200: " + host.log, List.of(),
                assets.stream().filter(l -> !l.endsWith(" 200")).toList());
        assertEquals("the stylesheet applies", "flex",
                driver.findElement(By.id("rl-crumbs")).getCssValue("display"));
    }

    /** Keeps what the page looks like in {@code target/screenshots/}, for a person to look at. */
    private static void screenshot(String name) throws Exception {
        Path dir = Files.createDirectories(Path.of("target/screenshots"));
        Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    private static List<String> buttons() {
        return driver.findElements(By.cssSelector("#rl-main button, #rl-jenkins-actions button")).stream()
                .map(WebElement::getText).toList();
    }

    /** Whether the element right after the release's title is the bar of Jenkins' controls. */
    private static boolean barFollowsTheTitle() {
        return (Boolean) driver.executeScript("const h = document.querySelector('#rl-main h1');"
                + " return h !== null && h.nextElementSibling === document.getElementById('rl-jenkins-actions');");
    }

    @Test
    public void aReleaseAwaitingApprovalOffersApproveAndRejectUnderItsTitleAndNoRollback() throws Exception {
        open("/releases/" + awaiting.id());
        screenshot("release-awaiting-approval");
        assertEquals(List.of("Approve", "Reject"), buttons());
        assertTrue("the controls sit right under the title", barFollowsTheTitle());
        WebElement approve = driver.findElement(By.xpath("//button[text()='Approve']"));
        WebElement reject = driver.findElement(By.xpath("//button[text()='Reject']"));
        assertEquals("jenkins-button jenkins-button--primary", approve.getAttribute("class"));
        assertEquals("jenkins-button jenkins-!-destructive-color", reject.getAttribute("class"));
        assertEquals("jenkins-buttons-row", approve.findElement(By.xpath("..")).getAttribute("class"));
        WebElement comment = driver.findElement(By.id("rl-decision-comment"));
        assertEquals("jenkins-input", comment.getAttribute("class"));
        assertEquals("Comment", driver.findElement(By.cssSelector("label[for=rl-decision-comment]")).getText());
    }

    @Test
    public void aReleaseThatWasLiveAndIsNotNowOffersRollBackOnly() throws Exception {
        open("/releases/" + superseded.id());
        screenshot("release-superseded");
        assertEquals(List.of("Roll back to this release"), buttons());
        assertTrue(barFollowsTheTitle());
        assertEquals("jenkins-button", driver.findElement(By.xpath("//button[text()='Roll back to this release']"))
                .getAttribute("class"));
        assertTrue("no comment box without a decision to make", driver.findElements(By.id("rl-decision-comment")).isEmpty());
    }

    @Test
    public void theLiveReleaseAndTheDashboardOfferNothing() {
        open("/releases/" + live.id());
        assertEquals(List.of(), buttons());
        assertTrue(driver.findElements(By.id("rl-jenkins-actions")).isEmpty());
        open("/");
        assertTrue(driver.findElements(By.id("rl-jenkins-actions")).isEmpty());
    }

    @Test
    public void approvingRecordsTheCommentAndTheControlsFollowTheReleasesNewState() throws Exception {
        Release second = f.engine.requestApproval(LedgerFixture.request("production", "2.0.0"));
        open("/releases/" + second.id());
        driver.findElement(By.id("rl-decision-comment")).sendKeys("ship it");
        driver.findElement(By.xpath("//button[text()='Approve']")).click();
        waiting().until(d -> d.findElements(By.cssSelector("#rl-jenkins-actions button")).isEmpty()
                && d.findElement(By.cssSelector("#rl-main .rl-summary")).getText().contains("APPROVED"));
        assertEquals(io.releaseledger.release.ReleaseState.APPROVED, f.ledger.release(second.id()).state());
        assertEquals("ship it", f.ledger.approvals(second.id()).get(0).comment());
        assertThat(driver.findElement(By.cssSelector("#rl-jenkins-actions [role=status]")).getText(),
                containsString("bob"));
        assertTrue("the crumb was sent: " + host.log, host.log.stream()
                .anyMatch(l -> l.equals("POST /jenkins/release-ledger/approve 200")));
    }
}
