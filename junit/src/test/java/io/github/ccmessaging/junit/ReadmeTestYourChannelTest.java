package io.github.ccmessaging.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's "Test your channel" shows what this build makes and runs, so it cannot drift from it. */
class ReadmeTestYourChannelTest {
    private static final Path ROOT = Path.of("..");

    @Test
    void itsFirstTestIsTheExampleModulesTestWordForWord() throws IOException {
        String test = Files.readString(ROOT.resolve(
                "examples/sms-bridge/src/test/java/com/example/smsbridge/FirstConversationTest.java"));
        String fromImports = test.substring(test.indexOf("import "));

        assertThat(section()).contains("```java\n" + fromImports + "```");
    }

    @Test
    void itGivesTheCoordinatesAndTheVersionOfThisBuild() throws IOException {
        String version = System.getProperty("project.version");

        assertThat(version).isNotBlank();
        assertThat(section())
                .contains("<artifactId>messaging-client</artifactId>\n  <version>" + version + "</version>")
                .contains("<artifactId>messaging-emulator-junit</artifactId>\n  <version>" + version + "</version>")
                .contains("mvn -B -DskipTests install");
    }

    private static String section() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int start = readme.indexOf("\n## Test your channel\n");
        assertThat(start).as("the README has a section \"Test your channel\"").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }
}
