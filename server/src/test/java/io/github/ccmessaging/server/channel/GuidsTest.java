package io.github.ccmessaging.server.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ccmessaging.server.SpecDocument;
import io.github.ccmessaging.server.api.ConversationsApi;
import jakarta.validation.constraints.Pattern;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The server's one copy of the GUID syntax is the document's, and the fast check agrees with it. */
class GuidsTest {
    private static final String GUID = "9a1c3c0e-52f7-4b5e-9c6a-3f2d1e0b8a77";

    @Test
    void thePatternIsTheDocumentsGuidPattern() {
        assertThat(Guids.PATTERN).isEqualTo(
                SpecDocument.at(SpecDocument.messaging(), SpecDocument.SCHEMAS + "Guid/pattern").asText());
    }

    @Test
    void thePatternIsWhatTheGeneratedInterfacesCarry() {
        Method send = Arrays.stream(ConversationsApi.class.getMethods()).filter(m -> m.getName().equals("sendActivity"))
                .findFirst().orElseThrow();
        List<String> patterns = new ArrayList<>();
        for (java.lang.annotation.Annotation[] annotations : send.getParameterAnnotations()) {
            for (java.lang.annotation.Annotation annotation : annotations) {
                if (annotation instanceof Pattern pattern) {
                    patterns.add(pattern.regexp());
                }
            }
        }
        assertThat(patterns).as("channel-id, organization-id, conversationId").hasSize(3).containsOnly(Guids.PATTERN);
    }

    @Test
    void isGuidAgreesWithThePattern() {
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(Guids.PATTERN);
        Random random = new Random(36);
        String alphabet = "0123456789abcdefABCDEFgG-xz\n ";
        List<String> samples = new ArrayList<>(List.of("", GUID, GUID.toUpperCase(), GUID + "\n", GUID + "0",
                GUID.substring(1), GUID.replace('-', '0'), "{" + GUID + "}"));
        for (int i = 0; i < 20000; i++) {
            char[] chars = GUID.toCharArray();
            chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            samples.add(new String(chars));
        }
        for (String sample : samples) {
            assertThat(Guids.isGuid(sample)).as(sample).isEqualTo(pattern.matcher(sample).matches());
        }
        assertThat(Guids.isGuid(null)).isFalse();
        assertThat(samples).filteredOn(Guids::isGuid).hasSizeGreaterThan(1000);
    }
}
