package io.github.ccmessaging.server.console;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.TakesScreenshot;

/** Writes a screenshot under {@code target/console-screenshots} when a browser test fails. */
final class ScreenshotOnFailure implements TestWatcher {
    /** A test class with a browser open. */
    interface WithBrowser {
        TakesScreenshot browser();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        context.getTestInstances().flatMap(instances -> instances.getAllInstances().stream()
                .filter(WithBrowser.class::isInstance).map(WithBrowser.class::cast).findFirst())
                .filter(test -> test.browser() != null)
                .ifPresent(test -> {
                    try {
                        System.err.println("Screenshot of the failure: " + Browser.screenshot(test.browser(),
                                context.getRequiredTestClass().getSimpleName() + "-" + context.getDisplayName()));
                    } catch (RuntimeException e) {
                        System.err.println("No screenshot of the failure: " + e);
                    }
                });
    }
}
