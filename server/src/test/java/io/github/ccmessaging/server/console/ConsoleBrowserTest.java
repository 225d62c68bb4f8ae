package io.github.ccmessaging.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccmessaging.server.ApiCalls;
import io.github.ccmessaging.server.ServerSettings;
import io.github.ccmessaging.server.TestServer;
import io.github.ccmessaging.server.WebhookReceiver;
import io.github.ccmessaging.server.WebhookReceiver.Received;
import io.github.ccmessaging.server.channel.Channel;
import io.github.ccmessaging.server.webhook.WebhookPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The agent console in a real browser (headless Chromium), against a real server whose development channel has a
 * webhook: sign-in, the live list, the representative's loop, webhook outcomes, the customer's pane, the keyboard,
 * the layout, and the stream resuming after the server dropped it. One browser for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ScreenshotOnFailure.class)
class ConsoleBrowserTest implements ScreenshotOnFailure.WithBrowser {
    static final Duration WAIT = Duration.ofSeconds(15);
    private WebhookReceiver webhook;
    private TestServer server;
    private ApiCalls api;
    private ChromeDriver browser;

    @BeforeAll
    void start() {
        browser = Browser.start();
        webhook = new WebhookReceiver();
        Channel dev = new Channel(ServerSettings.DEV_CHANNEL_ID, ServerSettings.DEV_ORGANIZATION_ID,
                ServerSettings.DEV_TOKEN, webhook.baseUrl(), "webhook-secret");
        server = new TestServer(settings -> settings.webhooks(
                new WebhookPolicy(Duration.ofSeconds(2), 3, Duration.ofMillis(20))), dev, TestServer.OTHER);
        api = server.dev();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (webhook != null) {
            webhook.close();
        }
    }

    @Override
    public TakesScreenshot browser() {
        return browser;
    }

    // -----------------------------------------------------------------------------------------------------------------
    // The page, as a person uses it.

    /** Waits, looking again when the page re-rendered what it looked at. */
    WebDriverWait waiting(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser, timeout, Duration.ofMillis(20));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    Object script(String code, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(code, arguments);
    }

    WebElement byId(String id) {
        return browser.findElement(By.id(id));
    }

    /** Sizes the window so that the page itself gets {@code size} (the window's frame comes on top). */
    void viewport(Dimension size) {
        browser.manage().window().setSize(size);
        long frameWidth = (Long) script("return window.outerWidth - window.innerWidth");
        long frameHeight = (Long) script("return window.outerHeight - window.innerHeight");
        browser.manage().window().setSize(new Dimension(size.getWidth() + (int) frameWidth,
                size.getHeight() + (int) frameHeight));
    }

    /** Opens the console afresh and signs in with the prefilled development channel. */
    void signedIn() {
        browser.manage().window().setSize(new Dimension(1280, 800));
        browser.get(server.baseUri() + "/console");
        script("sessionStorage.clear()");
        browser.navigate().refresh();
        byId("sign-in").findElement(By.cssSelector("button[type=submit]")).click();
        live();
    }

    void live() {
        waiting(WAIT).until(ExpectedConditions.attributeToBe(By.id("connection"), "data-state", "live"));
    }

    By conversationButton(String conversationId) {
        return By.cssSelector("#conversations button[data-conversation-id='" + conversationId + "']");
    }

    void open(String conversationId) {
        waiting(WAIT).until(d -> {
            d.findElement(conversationButton(conversationId)).click();
            return true;
        });
        waiting(WAIT).until(ExpectedConditions.attributeToBe(By.id("conversation"), "data-conversation-id",
                conversationId));
    }

    By entry(String messageId) {
        return By.cssSelector("#timeline li[data-message-id='" + messageId + "']");
    }

    /** An attribute of the first element {@code css} selects, read at once (null when there is none). */
    String attribute(String css, String name) {
        return (String) script("const e = document.querySelector(arguments[0]); return e && e.getAttribute(arguments[1]);",
                css, name);
    }

    String text(String css) {
        return (String) script("const e = document.querySelector(arguments[0]); return e && e.textContent;", css);
    }

    static String entryCss(String messageId) {
        return "#timeline li[data-message-id='" + messageId + "']";
    }

    WebElement awaitEntry(String messageId) {
        return waiting(WAIT).until(ExpectedConditions.presenceOfElementLocated(entry(messageId)));
    }

    void awaitText(By where, String text) {
        waiting(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(where, text));
    }

    // -----------------------------------------------------------------------------------------------------------------

    @Nested
    class SigningIn {
        @Test
        void isPrefilledWithTheDevelopmentChannelAndKeepsTheTokenInThisTabOnly() {
            browser.get(server.baseUri() + "/console");
            script("sessionStorage.clear()");
            browser.navigate().refresh();

            assertThat(byId("channel-id").getAttribute("value")).isEqualTo(ServerSettings.DEV_CHANNEL_ID);
            assertThat(byId("organization-id").getAttribute("value")).isEqualTo(ServerSettings.DEV_ORGANIZATION_ID);
            assertThat(byId("token").getAttribute("type")).isEqualTo("password");
            byId("sign-in").findElement(By.cssSelector("button[type=submit]")).click();
            live();

            assertThat(byId("channel-label").getText()).contains(ServerSettings.DEV_CHANNEL_ID);
            assertThat((String) script("return sessionStorage.getItem('ccmessaging.console.session')"))
                    .contains(ServerSettings.DEV_TOKEN);
            assertThat((Long) script("return localStorage.length")).isZero();
            assertThat(browser.manage().getCookies()).isEmpty();
            assertThat(browser.getCurrentUrl()).doesNotContain(ServerSettings.DEV_TOKEN);
            assertThat((String) script("return document.cookie")).isEmpty();
        }

        @Test
        void aWrongTokenIsRefusedWithAMessage() {
            browser.get(server.baseUri() + "/console");
            script("sessionStorage.clear()");
            browser.navigate().refresh();
            byId("token").clear();
            byId("token").sendKeys("not-the-token");

            byId("sign-in").findElement(By.cssSelector("button[type=submit]")).click();

            awaitText(By.id("sign-in-error"), "does not accept this token");
            assertThat(byId("console-view").isDisplayed()).isFalse();
            assertThat((Object) script("return sessionStorage.getItem('ccmessaging.console.session')")).isNull();
        }

        @Test
        void signingOutForgetsTheToken() {
            signedIn();

            byId("sign-out").click();

            assertThat(byId("sign-in-view").isDisplayed()).isTrue();
            assertThat((Object) script("return sessionStorage.getItem('ccmessaging.console.session')")).isNull();
        }
    }

    @Nested
    class LiveList {
        @Test
        void aConversationCreatedThroughTheApiAppearsWithinOneSecondWithoutReload() {
            signedIn();
            script("window.__sameDocument = true");
            Object reloads = script("return document.body.dataset.reloads");

            String conversation = api.newConversation();
            long created = System.nanoTime();

            waiting(Duration.ofSeconds(1)).until(ExpectedConditions.presenceOfElementLocated(
                    conversationButton(conversation)));
            long tookMillis = (System.nanoTime() - created) / 1_000_000;
            assertThat(tookMillis).isLessThanOrEqualTo(1000);
            assertThat((Boolean) script("return window.__sameDocument === true")).isTrue();
            assertThat(script("return document.body.dataset.reloads")).isEqualTo(reloads);
        }

        @Test
        void aClosedConversationIsMarkedClosed() {
            signedIn();
            String conversation = api.newConversation();
            waiting(WAIT).until(ExpectedConditions.presenceOfElementLocated(conversationButton(conversation)));

            api.post("/emulator/conversations/" + conversation + "/close", null);

            awaitText(conversationButton(conversation), "closed");
        }
    }

    @Nested
    class TheRepresentative {
        @BeforeEach
        void signIn() {
            signedIn();
        }

        @Test
        void acceptsRepliesAndSeesTheReplyDeliveredAndRead() throws InterruptedException {
            String conversation = api.newConversation();
            String question = api.message(conversation, "Where is my order?").messageId();
            open(conversation);
            awaitEntry(question);
            assertThat(text(entryCss(question))).contains("Where is my order?");

            byId("accept").click();
            Received accepted = delivered(conversation);
            assertThat(accepted.activity().get("name").asText()).isEqualTo("AgentAccepted");
            WebElement reply = byId("reply");
            reply.sendKeys("It ships **today**.");
            reply.sendKeys(Keys.ENTER);

            Received delivered = delivered(conversation, "message");
            assertThat(delivered.activity().get("text").asText()).isEqualTo("It ships **today**.");
            String replyId = delivered.activity().get("id").asText();
            awaitEntry(replyId);
            assertThat(text(entryCss(replyId) + " .markdown strong")).isEqualTo("today");
            waiting(WAIT).until(d -> "delivered".equals(attribute(entryCss(replyId) + " .delivery", "data-status")));
            assertThat(attribute(entryCss(replyId) + " .read", "data-read")).isEqualTo("false");

            api.send(conversation, "{\"type\":\"event\",\"name\":\"MessageRead\",\"value\":{\"messageId\":\""
                    + replyId + "\"}}");

            waiting(WAIT).until(d -> "true".equals(attribute(entryCss(replyId) + " .read", "data-read")));
            assertThat(text(entryCss(replyId) + " .read")).isEqualTo("Read");
        }

        /** The next delivery to the webhook for {@code conversation}, skipping the other conversations'. */
        private Received delivered(String conversation) throws InterruptedException {
            while (true) {
                Received received = webhook.take(1).get(0);
                if (received.path().contains(conversation)) {
                    return received;
                }
            }
        }

        /** The next delivery of a representative's message (not a system event) for {@code conversation}. */
        private Received delivered(String conversation, String type) throws InterruptedException {
            while (true) {
                Received received = delivered(conversation);
                if (type.equals(received.activity().path("type").asText()) && !received.activity().has("name")) {
                    return received;
                }
            }
        }

        @Test
        void seesAFailingWebhooksAttemptsAndFailed() {
            String conversation = api.newConversation();
            open(conversation);
            webhook.failNext(1000);
            try {
                byId("reply").sendKeys("Are you there?" + Keys.ENTER);

                List<String> delivery = waiting(WAIT).until(d -> {
                    List<WebElement> failed = d.findElements(By.cssSelector(
                            "#timeline li[data-sender=representative] .delivery[data-status=failed]"));
                    return failed.isEmpty() ? null
                            : List.of(failed.get(0).getAttribute("data-attempts"), failed.get(0).getText());
                });
                assertThat(delivery.get(0)).isEqualTo("4");
                assertThat(delivery.get(1)).contains("failed").contains("4 attempts").contains("HTTP 500");
            } finally {
                webhook.failNext(0);
            }
        }

        @Test
        void shiftEnterStartsANewLineAndEnterSends() {
            String conversation = api.newConversation();
            open(conversation);
            WebElement reply = byId("reply");

            reply.sendKeys("first line");
            reply.sendKeys(Keys.chord(Keys.SHIFT, Keys.ENTER));
            reply.sendKeys("second line");
            assertThat(reply.getAttribute("value")).isEqualTo("first line\nsecond line");
            reply.sendKeys(Keys.ENTER);

            waiting(WAIT).until(d -> d.findElements(By.cssSelector("#timeline li[data-sender=representative][data-type=message]"))
                    .size() == 1);
            assertThat(reply.getAttribute("value")).isEmpty();
            JsonNode sent = lastRepresentativeMessage(conversation);
            assertThat(sent.at("/activity/text").asText()).isEqualTo("first line\nsecond line");
        }

        private JsonNode lastRepresentativeMessage(String conversation) {
            JsonNode last = null;
            for (JsonNode entry : api.transcript(conversation)) {
                if (entry.get("sender").asText().equals("representative") && entry.get("type").asText().equals("message")) {
                    last = entry;
                }
            }
            return last;
        }

        @Test
        void typingReachesTheWebhook() {
            String conversation = api.newConversation();
            open(conversation);

            byId("reply").sendKeys("Let me check");

            waiting(WAIT).until(d -> {
                for (JsonNode entry : api.transcript(conversation)) {
                    if (entry.get("type").asText().equals("typing") && entry.get("sender").asText().equals("representative")) {
                        return true;
                    }
                }
                return false;
            });
            awaitText(By.id("timeline"), "Typing indicator");
        }

        @Test
        void sendsAnyOfTheThirtyOneSystemEventsAndTransfers() {
            String conversation = api.newConversation();
            open(conversation);
            Select events = new Select(byId("system-event"));
            assertThat(events.getOptions()).hasSize(31);

            events.selectByValue("OutOfOperatingHoursDueToHoliday");
            byId("event-form").findElement(By.cssSelector("button")).click();
            awaitText(By.id("timeline"), "System event: OutOfOperatingHoursDueToHoliday");
            new Select(byId("transfer-to")).selectByValue("TransferToQueueInitiated");
            byId("transfer-form").findElement(By.cssSelector("button")).click();

            awaitText(By.id("timeline"), "System event: TransferToQueueInitiated");
        }

        @Test
        void closesTheConversation() {
            String conversation = api.newConversation();
            open(conversation);

            byId("close-conversation").click();

            awaitText(By.id("conversation-state"), "Closed");
            awaitText(By.id("timeline"), "System event: ConversationClose");
            assertThat(byId("accept").isEnabled()).isFalse();
        }

        @Test
        void seesAndEditsTheContextVariables() {
            String conversation = server.dev().create("{\"conversationcontext\":{\"plan\":{\"value\":\"gold\"}}}")
                    .json().get("conversationId").asText();
            open(conversation);
            awaitText(By.id("context"), "gold");

            byId("context-name").sendKeys("orderNumber");
            byId("context-value").sendKeys("A-1001");
            byId("context-form").findElement(By.cssSelector("button")).click();

            awaitText(By.id("context"), "A-1001");
            assertThat(api.get("/api/v1.0/consumer/conversation/" + conversation + "/context").body())
                    .contains("orderNumber").contains("A-1001");
        }
    }

    @Nested
    class PlayingTheCustomer {
        @BeforeEach
        void signIn() {
            signedIn();
        }

        @Test
        void startsAConversationAndSendsEveryKindOfActivity() {
            byId("customer-name").clear();
            byId("customer-name").sendKeys("Dana");
            byId("start-form").findElement(By.cssSelector("button")).click();
            String conversation = waiting(WAIT).until(d -> {
                String id = byId("conversation").getAttribute("data-conversation-id");
                return id == null || id.isEmpty() ? null : id;
            });

            byId("customer-text").sendKeys("Hello from Dana");
            byId("customer-message-form").findElement(By.cssSelector("button")).click();
            awaitText(By.id("timeline"), "Hello from Dana");

            byId("attachment-url").sendKeys("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
            byId("customer-attachment-form").findElement(By.cssSelector("button")).click();
            waiting(WAIT).until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#timeline figure.attachment img[alt='photo.png']")));

            byId("customer-typing-button").click();
            waiting(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("customer-typing")));
            assertThat(byId("customer-typing").getText()).contains("typing");

            byId("custom-event-form").findElement(By.cssSelector("button")).click();
            awaitText(By.id("timeline"), "Event OrderSelected");

            String reply = api.post("/emulator/conversations/" + conversation + "/activities",
                    "{\"type\":\"message\",\"text\":\"Hi Dana\"}").messageId();
            awaitEntry(reply);
            byId("customer-read").click();
            waiting(WAIT).until(d -> "true".equals(attribute(entryCss(reply) + " .read", "data-read")));

            byId("customer-leave").click();
            awaitText(By.id("conversation-state"), "Closed");
            assertThat(api.transcript(conversation).toString()).contains("Hello from Dana").contains("OrderSelected")
                    .contains("MessageRead").contains("endOfConversation");
        }

        @Test
        void aFileThatIsNoImageIsALink() {
            String conversation = api.newConversation();
            api.send(conversation, "{\"type\":\"message\",\"attachments\":[{\"contentType\":\"application/pdf\","
                    + "\"contentUrl\":\"https://example.invalid/invoice.pdf\",\"name\":\"invoice.pdf\"}]}");

            open(conversation);

            String link = "#timeline figure.attachment a";
            waiting(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(link)));
            assertThat(attribute(link, "href")).isEqualTo("https://example.invalid/invoice.pdf");
            assertThat(text(link)).contains("invoice.pdf");
            assertThat(attribute(link, "rel")).contains("noopener");
        }
    }

    @Nested
    class HostilePayloads {
        private AttackerServer attacker;

        @BeforeEach
        void attacker() {
            attacker = new AttackerServer();
        }

        @org.junit.jupiter.api.AfterEach
        void stopAttacker() {
            attacker.close();
        }

        /** Text that would run script, load from the attacker or carry a script URL, were it rendered as HTML. */
        private List<String> texts() {
            return List.of(
                    "<script>window.__pwned='script';new Image().src='" + attacker.url("script") + "'</script>",
                    "<img src=\"" + attacker.url("img") + "\" onerror=\"window.__pwned='img'\">",
                    "<svg onload=\"window.__pwned='svg'\"><image href=\"" + attacker.url("svg") + "\"></image></svg>",
                    "javascript:window.__pwned='js-url'",
                    "[click me](javascript:window.__pwned='md-link')",
                    "![picture](" + attacker.url("md-image") + ")",
                    "![x](javascript:window.__pwned='md-image')",
                    "<a href=\"javascript:window.__pwned='html-link'\">link</a>",
                    "<iframe src=\"" + attacker.url("frame") + "\"></iframe>",
                    "<style>@import url(" + attacker.url("css") + ");</style>");
        }

        /** URLs of attachments that would run script or load from the attacker, were they used as they are. */
        private List<String> urls() {
            return List.of(
                    "javascript:window.__pwned='attachment'",
                    "data:text/html,<script>window.__pwned='data-url'</script>",
                    "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='window.__pwned=1'>"
                            + "<image href='" + attacker.url("svg-in-image") + "'/></svg>",
                    "vbscript:msgbox(1)");
        }

        private String json(Object value) {
            return ApiCalls.quote(String.valueOf(value));
        }

        @org.junit.jupiter.api.TestFactory
        java.util.stream.Stream<org.junit.jupiter.api.DynamicTest> everyRenderingPathLeavesThemInert() {
            signedIn();
            Map<String, java.util.function.Function<String, Integer>> paths = new java.util.LinkedHashMap<>();
            paths.put("customer text", conversation -> {
                texts().forEach(t -> api.message(conversation, t));
                return texts().size();
            });
            paths.put("customer display name", conversation -> {
                texts().forEach(t -> api.send(conversation, "{\"type\":\"message\",\"from\":{\"name\":" + json(t)
                        + "},\"text\":\"hi\"}"));
                return texts().size();
            });
            paths.put("representative markdown", conversation -> {
                texts().forEach(t -> api.post("/emulator/conversations/" + conversation + "/activities",
                        "{\"type\":\"message\",\"text\":" + json(t) + "}"));
                return texts().size();
            });
            paths.put("representative name", conversation -> {
                texts().forEach(t -> api.post("/emulator/conversations/" + conversation + "/activities",
                        "{\"type\":\"message\",\"from\":{\"id\":\"a\",\"name\":" + json(t) + "},\"text\":\"hi\"}"));
                return texts().size();
            });
            paths.put("attachment name", conversation -> {
                texts().forEach(t -> api.send(conversation, "{\"type\":\"message\",\"attachments\":[{\"contentType\":"
                        + "\"application/pdf\",\"contentUrl\":\"https://example.invalid/a.pdf\",\"name\":" + json(t) + "}]}"));
                return texts().size();
            });
            paths.put("attachment URL of an image", conversation -> {
                urls().forEach(u -> api.send(conversation, "{\"type\":\"message\",\"attachments\":[{\"contentType\":"
                        + "\"image/svg+xml\",\"contentUrl\":" + json(u) + ",\"name\":\"picture.svg\"}]}"));
                return urls().size();
            });
            paths.put("attachment URL of a file", conversation -> {
                urls().forEach(u -> api.send(conversation, "{\"type\":\"message\",\"attachments\":[{\"contentType\":"
                        + "\"text/html\",\"contentUrl\":" + json(u) + ",\"name\":\"page.html\"}]}"));
                return urls().size();
            });
            paths.put("custom event", conversation -> {
                texts().forEach(t -> api.send(conversation, "{\"type\":\"event\",\"name\":" + json(t)
                        + ",\"channelData\":{\"customEvent\":true,\"customEventName\":" + json(t)
                        + ",\"customEventValue\":" + json("{\"note\":" + json(t) + "}") + "}}"));
                return texts().size();
            });
            paths.put("start message", conversation -> 0);
            return paths.entrySet().stream().map(path -> org.junit.jupiter.api.DynamicTest.dynamicTest(path.getKey(), () -> {
                String conversation = path.getKey().equals("start message")
                        ? api.create("{\"startmessage\":{\"message\":" + json(texts().get(0)) + ",\"displayname\":"
                                + json(texts().get(1)) + "}}").json().get("conversationId").asText()
                        : api.newConversation();
                int hitsBefore = attacker.hits().size();
                open(conversation);
                int expected = Math.max(1, path.getValue().apply(conversation));
                waiting(WAIT).until(d -> d.findElements(By.cssSelector("#timeline li")).size() >= expected);
                assertInert(hitsBefore);
            }));
        }

        @Test
        void inContextVariablesAndTheConversationList() {
            signedIn();
            String conversation = api.newConversation();
            open(conversation);
            StringBuilder context = new StringBuilder();
            List<String> texts = texts();
            for (int i = 0; i < texts.size(); i++) {
                context.append(i == 0 ? "" : ",").append(json(texts.get(i))).append(":{\"value\":")
                        .append(json(texts.get(i))).append("}");
            }
            api.post("/emulator/conversations/" + conversation + "/context", "{\"context\":{" + context + "}}");
            for (String text : texts.subList(0, 4)) {
                api.create("{\"customercontext\":{\"customerid\":" + json(text) + "}}");
            }

            waiting(WAIT).until(d -> d.findElements(By.cssSelector("#context tbody tr")).size() == texts.size());
            waiting(WAIT).until(d -> d.findElements(By.cssSelector("#conversations li")).stream()
                    .filter(li -> li.getText().contains("window.__pwned")).count() >= 4);
            assertThat(text("#context tbody")).contains("<script>");
            assertInert(0);
        }

        /** Nothing ran, nothing was injected, and the attacker got no request beyond its first {@code hitsBefore}. */
        private void assertInert(int hitsBefore) {
            try {
                String alert = browser.switchTo().alert().getText();
                throw new AssertionError("an alert opened: " + alert);
            } catch (org.openqa.selenium.NoAlertPresentException expected) {
                // nothing ran
            }
            assertThat(script("return window.__pwned")).as("window.__pwned").isNull();
            @SuppressWarnings("unchecked")
            List<String> injected = (List<String>) script("""
                    const scriptUrl = /^\\s*(javascript|vbscript|data:text)/i;
                    return Array.from(document.querySelectorAll('body *')).filter(e =>
                        ['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'STYLE', 'LINK', 'svg', 'SVG'].includes(e.tagName)
                        || Array.from(e.attributes).some(a => a.name.toLowerCase().startsWith('on'))
                        || scriptUrl.test(e.getAttribute('href') || '') || scriptUrl.test(e.getAttribute('src') || '')
                        || (e.tagName === 'IMG' && (e.getAttribute('src') || '').startsWith(arguments[0])))
                      .map(e => e.outerHTML.slice(0, 200));""", attacker.url(""));
            assertThat(injected).as("elements a payload injected").isEmpty();
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<String> hits = attacker.hits();
            assertThat(hits.subList(hitsBefore, hits.size())).as("requests to the attacker").isEmpty();
        }
    }

    @Nested
    class TheStream {
        @Test
        void resumesAfterTheServerDroppedItWithoutLosingEvents() {
            signedIn();
            String conversation = api.newConversation();
            open(conversation);
            String reloads = String.valueOf(script("return document.body.dataset.reloads || '0'"));
            String resumes = String.valueOf(script("return document.body.dataset.resumes || '0'"));

            server.dropEventStreams();
            String missed = api.message(conversation, "sent while the stream was down").messageId();

            awaitEntry(missed);
            live();
            assertThat(String.valueOf(script("return document.body.dataset.resumes || '0'")))
                    .isEqualTo(String.valueOf(Integer.parseInt(resumes) + 1));
            assertThat(String.valueOf(script("return document.body.dataset.reloads || '0'"))).isEqualTo(reloads);
            String later = api.message(conversation, "and after it").messageId();
            awaitEntry(later);
        }
    }

    @Nested
    class Layout {
        @Test
        void everyControlHasALabel() {
            signedIn();

            @SuppressWarnings("unchecked")
            List<String> unlabelled = (List<String>) script("""
                    return Array.from(document.querySelectorAll('input, select, textarea, button'))
                      .filter(c => !(c.labels && c.labels.length) && !c.getAttribute('aria-label')
                                   && !(c.tagName === 'BUTTON' && c.textContent.trim()))
                      .map(c => c.outerHTML);""");
            assertThat(unlabelled).isEmpty();
        }

        @Test
        void worksWithTheKeyboardAlone() {
            browser.get(server.baseUri() + "/console");
            script("sessionStorage.clear()");
            browser.navigate().refresh();
            String conversation = api.newConversation();

            tabUntil("return document.activeElement.id === 'token'");
            keys(Keys.ENTER);
            live();
            waiting(WAIT).until(ExpectedConditions.presenceOfElementLocated(conversationButton(conversation)));
            tabUntil("return document.activeElement.dataset.conversationId === '" + conversation + "'");
            keys(Keys.ENTER);
            waiting(WAIT).until(ExpectedConditions.attributeToBe(By.id("conversation"), "data-conversation-id",
                    conversation));
            tabUntil("return document.activeElement.id === 'reply'");
            keys("Typed with the keyboard", Keys.ENTER);

            awaitText(By.id("timeline"), "Typed with the keyboard");
            tabUntil("return document.activeElement.id === 'accept'");
            keys(Keys.ENTER);
            awaitText(By.id("timeline"), "System event: AgentAccepted");
        }

        /** Types into whatever has the focus, as a person at the keyboard does. */
        private void keys(CharSequence... keys) {
            new Actions(browser).sendKeys(keys).perform();
        }

        /** Presses Tab until {@code focused} (a script) says the right element has the focus. */
        private void tabUntil(String focused) {
            for (int i = 0; i < 80; i++) {
                if (Boolean.TRUE.equals(script(focused))) {
                    return;
                }
                keys(Keys.TAB);
            }
            throw new AssertionError("Tab never reached the element: " + focused);
        }

        @Test
        void isReadableAt1280By800AndOnANarrowWindow() {
            signedIn();
            // a conversation as the README's screenshot shows it
            String conversation = api.create("{\"customercontext\":{\"customerid\":\"1234\",\"preferredname\":"
                    + "\"John\"},\"conversationcontext\":{\"orderNumber\":{\"value\":\"A-1001\"},\"tier\":"
                    + "{\"value\":\"gold\"}},\"startmessage\":{\"message\":\"Hi, where is my order? It is long "
                    + "overdue, so this message wraps on a narrow window.\",\"displayname\":\"John\"}}")
                    .json().get("conversationId").asText();
            api.post("/emulator/conversations/" + conversation + "/accept", "{\"id\":\"agent-1\",\"name\":\"Alex\"}");
            String reply = api.post("/emulator/conversations/" + conversation + "/activities",
                    "{\"type\":\"message\",\"from\":{\"id\":\"agent-1\",\"name\":\"Alex\"},"
                            + "\"text\":\"Hello John! Order **A-1001** ships *today*.\"}").messageId();
            api.send(conversation, "{\"type\":\"event\",\"name\":\"MessageRead\",\"value\":{\"messageId\":\""
                    + reply + "\"}}");
            api.send(conversation, "{\"type\":\"message\",\"from\":{\"name\":\"John\"},\"text\":\"Great, thanks!\"}");
            open(conversation);
            waiting(WAIT).until(d -> "true".equals(attribute(entryCss(reply) + " .read", "data-read"))
                    && "delivered".equals(attribute(entryCss(reply) + " .delivery", "data-status")));
            awaitText(By.id("timeline"), "Great, thanks!");
            api.send(conversation, "{\"type\":\"typing\"}");
            waiting(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("customer-typing")));

            for (Dimension size : List.of(new Dimension(1280, 800), new Dimension(420, 800))) {
                viewport(size);
                @SuppressWarnings("unchecked")
                Map<String, Object> layout = (Map<String, Object>) script("""
                        const d = document.documentElement;
                        const visible = id => { const r = document.getElementById(id).getBoundingClientRect();
                                                return r.width > 0 && r.left >= 0 && r.right <= d.clientWidth + 1; };
                        const wide = Array.from(document.querySelectorAll('body *'))
                          .map(e => [e.getBoundingClientRect().right, e.tagName + '#' + e.id + '.' + e.className])
                          .filter(([right]) => right > d.clientWidth).sort((a, b) => b[0] - a[0]).slice(0, 5)
                          .map(([right, name]) => name + '@' + right).join(', ') + ' client ' + d.clientWidth
                          + ' scroll ' + d.scrollWidth;
                        return { overflow: d.scrollWidth - d.clientWidth, wide: wide,
                                 list: visible('conversations'), timeline: visible('timeline'),
                                 reply: visible('reply'), customer: visible('customer-pane') };""");
                assertThat(layout).as("at %s: %s", size, layout.get("wide")).containsEntry("overflow", 0L).containsEntry("list", true)
                        .containsEntry("timeline", true).containsEntry("reply", true).containsEntry("customer", true);
                Browser.screenshot(browser, "console-" + size.getWidth() + "x" + size.getHeight());
            }
            browser.manage().window().setSize(new Dimension(1280, 800));
        }
    }
}
