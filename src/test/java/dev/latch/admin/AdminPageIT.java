package dev.latch.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.support.Api;
import dev.latch.support.Database;
import dev.latch.support.LatchIT;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The admin page in a real headless Chromium (Debian's), against the deployed WAR. */
class AdminPageIT extends LatchIT {

    private static final String ADMIN_PASSWORD = "test-root-passphrase-1";

    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-dev-shm-usage",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
                "--window-size=1280,800",
                "--user-data-dir=" + Files.createTempDirectory("latch-chromium"));
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                        .build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        // a list re-rendered between finding a row and reading it: look again
        wait.ignoring(StaleElementReferenceException.class);
        browser.get(base + "admin/");
    }

    /**
     * Runs before {@code @AfterEach} closes the browser: a failing test leaves a picture of what it
     * saw.
     */
    @RegisterExtension
    final AfterTestExecutionCallback screenshotOnFailure =
            context -> {
                if (context.getExecutionException().isPresent() && browser != null) {
                    screenshot("failed-" + context.getRequiredTestMethod().getName() + ".png");
                }
            };

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private WebElement visible(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private void signInWithPassword(String username, String password) {
        visible(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("#signin-password button[type=submit]")).click();
        visible(By.id("identity"));
    }

    private void signInWithToken(String token) {
        visible(By.id("pasted-token")).sendKeys(token);
        browser.findElement(By.cssSelector("#signin-token button[type=submit]")).click();
        visible(By.id("identity"));
    }

    private String tokensTableText() {
        return visible(By.cssSelector("#token-list table")).getText();
    }

    @Test
    void signingInWithAPasswordShowsWhoAndWhatTheCallerMay() {
        signInWithPassword("admin", ADMIN_PASSWORD);
        assertEquals("admin", browser.findElement(By.id("identity")).getText());
        assertEquals("admin", browser.findElement(By.id("permissions")).getText());
        String stored =
                (String)
                        ((JavascriptExecutor) browser)
                                .executeScript(
                                        "return sessionStorage.getItem('latch.admin.token') + '|' + localStorage.length + '|' + document.cookie");
        assertTrue(stored.startsWith("eyJ"), "the session lives in sessionStorage");
        assertTrue(stored.endsWith("|0|"), "nothing in localStorage or cookies: " + stored);
    }

    @Test
    void signingInByPastingATokenWorksAndABadOneIsExplained() {
        visible(By.id("pasted-token")).sendKeys("lop_not-a-token");
        browser.findElement(By.cssSelector("#signin-token button[type=submit]")).click();
        assertEquals("The bearer token is malformed", visible(By.id("error")).getText());
        browser.findElement(By.id("pasted-token")).clear();
        signInWithToken(admin());
        assertEquals("bootstrap", browser.findElement(By.id("identity")).getText());
    }

    @Test
    void issuingShowsTheSecretOnceListsTheTokenAndRevokingChangesItsStatus() throws Exception {
        signInWithPassword("admin", ADMIN_PASSWORD);
        String name = Api.unique("ui");
        visible(By.id("issue-name")).sendKeys(name);
        WebElement ttl = browser.findElement(By.id("issue-ttl"));
        ttl.clear();
        ttl.sendKeys("30d");
        browser.findElement(By.cssSelector("#issue-form button[type=submit]")).click();

        WebElement secret = visible(By.cssSelector("output[data-secret]"));
        assertTrue(secret.getText().matches("lop_[0-9A-Za-z]{49}"), secret.getText());
        assertTrue(
                browser.findElement(By.cssSelector(".secret")).getText().contains("Save it now"));
        assertEquals(
                200,
                api().get("api/v1/whoami", secret.getText()).status(),
                "the shown secret works");
        wait.until(d -> tokensTableText().contains(name));
        browser.findElement(By.cssSelector(".secret button.quiet")).click();
        assertTrue(
                browser.findElements(By.cssSelector("output[data-secret]")).isEmpty(),
                "the secret is gone once dismissed");

        screenshot("admin-tokens.png");

        WebElement row = rowOf(name);
        assertTrue(row.getText().contains("active"));
        row.findElement(By.xpath(".//button[text()='Revoke']")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(d -> rowOf(name).getText().contains("revoked"));
    }

    @Test
    void valuesFromTheApiAreRenderedAsText() {
        String payload = "<img src=x onerror=alert(1)>";
        String name = Api.unique("xss");
        var issued =
                api().post(
                                "api/v1/tokens",
                                admin(),
                                "{\"name\":\"" + name + "\",\"description\":\"" + payload + "\"}");
        assertEquals(201, issued.status(), issued.body());
        signInWithToken(admin());
        wait.until(d -> tokensTableText().contains(name));
        assertTrue(rowOf(name).getText().contains(payload), "shown as those characters");
        assertTrue(
                browser.findElements(By.cssSelector("#token-list img")).isEmpty(),
                "no element was made from it");
        try {
            browser.switchTo().alert();
            throw new AssertionError("the payload ran");
        } catch (NoAlertPresentException expected) {
            // inert
        }
    }

    @Test
    void aPermissionLimitedUserDoesNotSeeWhatItCannotDo() {
        String viewer = Api.unique("viewer");
        assertEquals(
                201,
                api().post(
                                "api/v1/users",
                                admin(),
                                "{\"username\":\""
                                        + viewer
                                        + "\",\"password\":\"viewer password 1\",\"role\":\"viewer\"}")
                        .status());
        api().issue(admin(), Api.unique("seen"), List.of("tokens.read"));
        signInWithPassword(viewer, "viewer password 1");
        assertEquals("tokens.read", browser.findElement(By.id("permissions")).getText());
        visible(By.cssSelector("#token-list table"));
        assertTrue(browser.findElements(By.id("issue-form")).isEmpty(), "no issue form");
        assertTrue(
                browser.findElements(
                                By.xpath(
                                        "//button[text()='Revoke' or text()='Rotate' or text()='Purge']"))
                        .isEmpty());
        browser.findElement(By.linkText("Users")).click();
        assertTrue(visible(By.cssSelector("[data-view=users]")).getText().contains("users.manage"));
        browser.findElement(By.linkText("Audit")).click();
        assertTrue(visible(By.cssSelector("[data-view=audit]")).getText().contains("audit.read"));
    }

    @Test
    void signingOutRevokesTheSession() {
        signInWithPassword("admin", ADMIN_PASSWORD);
        String session =
                (String)
                        ((JavascriptExecutor) browser)
                                .executeScript(
                                        "return sessionStorage.getItem('latch.admin.token')");
        assertTrue(
                browser.findElements(By.id("revoke-pasted")).isEmpty(),
                "a password session has only Sign out");
        browser.findElement(By.id("signout")).click();
        visible(By.id("username"));
        assertFalse(browser.findElement(By.id("nav")).isDisplayed());
        assertEquals(
                401,
                api().get("api/v1/whoami", session).status(),
                "the session is revoked, not just forgotten");
        assertEquals(
                null,
                ((JavascriptExecutor) browser)
                        .executeScript("return sessionStorage.getItem('latch.admin.token')"));
    }

    @Test
    void signingOutOfAPastedTokenForgetsItButLeavesItWorking() {
        String token =
                api().issue(admin(), Api.unique("pasted"), List.of("tokens.read"))
                        .getString("token");
        signInWithToken(token);
        browser.findElement(By.id("signout")).click();
        visible(By.id("pasted-token"));
        assertFalse(browser.findElement(By.id("nav")).isDisplayed());
        assertEquals(
                null,
                ((JavascriptExecutor) browser)
                        .executeScript(
                                "return sessionStorage.getItem('latch.admin.token') ?? sessionStorage.getItem('latch.admin.signin')"),
                "forgotten in the browser");
        assertEquals(
                200,
                api().get("api/v1/whoami", token).status(),
                "a pasted token outlives signing out");
    }

    @Test
    void revokeThisTokenRevokesThePastedTokenOnlyOnceConfirmed() {
        String token =
                api().issue(admin(), Api.unique("pasted"), List.of("tokens.read"))
                        .getString("token");
        signInWithToken(token);

        visible(By.id("revoke-pasted")).click();
        wait.until(ExpectedConditions.alertIsPresent()).dismiss();
        assertEquals(
                200,
                api().get("api/v1/whoami", token).status(),
                "declining the confirmation changes nothing");
        assertTrue(browser.findElement(By.id("identity")).isDisplayed(), "still signed in");

        browser.findElement(By.id("revoke-pasted")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        visible(By.id("pasted-token"));
        assertEquals(
                401,
                api().get("api/v1/whoami", token).status(),
                "the pasted token is revoked for good");
        assertEquals(
                null,
                ((JavascriptExecutor) browser)
                        .executeScript("return sessionStorage.getItem('latch.admin.token')"));
    }

    @Test
    void everyViewOpensForAnAdmin() throws Exception {
        signInWithPassword("admin", ADMIN_PASSWORD);
        for (String view :
                List.of(
                        "Join tokens",
                        "Users",
                        "Signing keys",
                        "Audit",
                        "Expiring soon",
                        "Tokens")) {
            browser.findElement(By.linkText(view)).click();
            visible(By.cssSelector("main section"));
            wait.until(d -> !d.findElements(By.cssSelector("main table, main p.muted")).isEmpty());
            assertFalse(
                    browser.findElement(By.id("error")).isDisplayed(),
                    view + ": " + browser.findElement(By.id("error")).getText());
            screenshot(
                    "admin-"
                            + view.toLowerCase().replace(' ', '-')
                            + ".png"); // for a person to look at
        }
        browser.findElement(By.linkText("Audit")).click();
        visible(By.id("verify-chain")).click();
        wait.until(d -> d.findElement(By.id("verify-result")).getText().startsWith("Chain intact"));
    }

    @Test
    void theExpiringViewListsWhatTheServerFindsOfEveryKindSoonestFirst() throws Exception {
        String inTwoDays = Api.unique("expiring-ui");
        String inThreeDays = Api.unique("expiring-ui");
        api().issue(admin(), inThreeDays, "3d");
        String soonerId = api().issue(admin(), inTwoDays, "2d").getString("token_id");
        api().mint(admin(), "{\"scope\":\"tokens.read\",\"aud\":\"latch\",\"ttl\":\"1d\"}");
        // the server warns of the 2-day token for 7d within a check or two (pom.xml: every second)
        Instant deadline = Instant.now().plusSeconds(20);
        while (!api().get("api/v1/webhooks/deliveries?credential_id=" + soonerId, admin())
                .body()
                .contains("\"threshold\":\"7d\"")) {
            assertTrue(Instant.now().isBefore(deadline), "no warning for " + soonerId);
            Thread.sleep(200);
        }
        signInWithPassword("admin", ADMIN_PASSWORD);
        browser.findElement(By.linkText("Expiring soon")).click();
        WebElement days = visible(By.id("expiring-days"));
        days.clear();
        days.sendKeys("4");
        days.sendKeys(Keys.TAB); // change
        wait.until(
                d -> d.findElement(By.id("expiring-credentials")).getText().contains(inThreeDays));
        List<String> rows =
                browser.findElements(By.cssSelector("#expiring-credentials tbody tr")).stream()
                        .map(WebElement::getText)
                        .toList();
        int jwt = indexOf(rows, "minted");
        int sooner = indexOf(rows, inTwoDays);
        int later = indexOf(rows, inThreeDays);
        assertTrue(jwt >= 0 && jwt < sooner && sooner < later, String.join("\n", rows));
        assertTrue(rows.get(sooner).endsWith("7d"), rows.get(sooner));
        assertFalse(browser.findElement(By.id("error")).isDisplayed());
    }

    private static int indexOf(List<String> rows, String text) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void thePageSendsAStrictContentSecurityPolicy() {
        var reply = api().get("admin/", null);
        assertEquals(200, reply.status());
        String policy = reply.header("Content-Security-Policy");
        assertTrue(
                policy.contains("script-src 'self'") && policy.contains("frame-ancestors 'none'"),
                policy);
        assertFalse(policy.contains("unsafe-inline"));
        assertEquals("nosniff", reply.header("X-Content-Type-Options"));
        assertEquals("no-referrer", reply.header("Referrer-Policy"));
    }

    @Test
    void revokingBySelectorPreviewsTheCountThenRevokesWhatWasPreviewed() throws Exception {
        String prefix = Api.unique("bulk") + "-";
        List<String> secrets =
                List.of("a", "b", "c").stream()
                        .map(s -> api().issue(admin(), prefix + s, List.of("tokens.read")))
                        .map(t -> t.getString("token"))
                        .toList();
        signInWithPassword("admin", ADMIN_PASSWORD);
        visible(By.id("selector-name-prefix")).sendKeys(prefix);
        browser.findElement(By.id("selector-reason")).sendKeys("rotated the CI fleet");
        browser.findElement(By.id("selector-preview")).click();
        wait.until(
                d ->
                        d.findElement(By.id("selector-summary"))
                                .getText()
                                .equals("3 match; 3 would be revoked."));
        assertTrue(visible(By.id("selector-result")).getText().contains(prefix + "a"));
        secrets.forEach(
                s -> assertEquals(200, api().get("api/v1/whoami", s).status(), "a preview"));
        ((JavascriptExecutor) browser)
                .executeScript("document.getElementById('revoke-selected').scrollIntoView()");
        screenshot("admin-revoke-selected.png"); // for a person to look at

        WebElement confirm = browser.findElement(By.id("selector-confirm"));
        assertEquals("Revoke 3", confirm.getText());
        confirm.click();
        wait.until(
                d -> d.findElement(By.id("selector-summary")).getText().equals("Revoked 3 of 3."));
        secrets.forEach(s -> assertEquals(401, api().get("api/v1/whoami", s).status()));
        wait.until(d -> rowOf(prefix + "b").getText().contains("revoked"));
    }

    @Test
    void theUnusedShortcutFillsTheSelectorAndPreviewsOnly() throws Exception {
        String name = Api.unique("idle");
        var idle = api().issue(admin(), name, List.of("tokens.read"));
        try (var db = dev.latch.support.Database.connect();
                var update =
                        db.prepareStatement(
                                "update token set issued_at = now() - interval '100 days' where id = ?")) {
            update.setObject(1, java.util.UUID.fromString(idle.getString("token_id")));
            assertEquals(1, update.executeUpdate());
        }
        signInWithPassword("admin", ADMIN_PASSWORD);
        WebElement days = visible(By.id("unused-days"));
        days.clear();
        days.sendKeys("90");
        browser.findElement(By.id("unused-preview")).click();
        wait.until(d -> d.findElement(By.id("selector-result")).getText().contains(name));
        assertEquals(
                "90d", browser.findElement(By.id("selector-unused-for")).getAttribute("value"));
        assertTrue(
                browser.findElement(By.id("selector-summary"))
                        .getText()
                        .contains("would be revoked"));
        assertEquals(
                200,
                api().get("api/v1/whoami", idle.getString("token")).status(),
                "only a preview");
    }

    private WebElement rowOf(String name) {
        return browser.findElement(
                By.xpath("//div[@id='token-list']//tr[td[2][text()='" + name + "']]"));
    }

    /** Also at a phone's width, for a person to look at; the page must not need a wide screen. */
    @Test
    void theTokensViewFitsANarrowWindow() throws Exception {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(420, 800));
        signInWithToken(admin());
        visible(By.cssSelector("#token-list table"));
        Number overflow =
                (Number)
                        ((JavascriptExecutor) browser)
                                .executeScript(
                                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertEquals(0, overflow.intValue(), "only the table scrolls sideways, not the page");
        screenshot("admin-tokens-narrow.png");
    }

    @Test
    void theTokensViewShowsWhereATokenWasLastUsedAndFindsTheUnusedOnes() throws Exception {
        String usedName = Api.unique("used");
        var used = api().issue(admin(), usedName, List.of("tokens.read"));
        var reply =
                api().send(
                                api().request("api/v1/whoami", used.getString("token"))
                                        .header("X-Forwarded-For", "198.51.100.9")
                                        .GET());
        assertEquals(200, reply.status());
        String idleName = Api.unique("idle");
        var idle = api().issue(admin(), idleName, List.of("tokens.read"));
        try (var db = Database.connect();
                var q =
                        db.prepareStatement(
                                "update token set issued_at = now() - interval '40 days' where id = ?")) {
            q.setObject(1, java.util.UUID.fromString(idle.getString("token_id")));
            q.executeUpdate();
        }
        String usedPath = "api/v1/tokens/" + used.getString("token_id");
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(
                        d ->
                                api().get(usedPath, admin())
                                        .json()
                                        .getJsonObject("last_use")
                                        .getString("state")
                                        .equals("used"));

        signInWithToken(admin());
        wait.until(d -> tokensTableText().contains(usedName));
        assertTrue(rowOf(usedName).getText().contains("198.51.100.9"), rowOf(usedName).getText());
        browser.findElement(By.id("filter-unused-days")).sendKeys("30");
        browser.findElement(By.cssSelector("form[role=search] button[type=submit]")).click();

        wait.until(d -> tokensTableText().contains(idleName));
        assertFalse(tokensTableText().contains(usedName), "used just now: not unused");
        assertTrue(rowOf(idleName).getText().contains("never used"));
        screenshot("admin-tokens-unused.png");
    }

    private void screenshot(String file) throws Exception {
        Path dir = Files.createDirectories(Path.of(System.getProperty("latch.test.screenshots")));
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
}
