package io.github.ccmessaging.server.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The corpus's check of detail texts tells the wire format's names from generated Java names. */
class DetailNamesTest {
    private final DetailNames names = new DetailNames();

    @Test
    void acceptsJsonPathsOfTheDocument() {
        assertThat(names.unknown("attachments[1].contentType size must be between 0 and 256")).isEmpty();
        assertThat(names.unknown("channelData.messagingapi-oc.type size must be between 0 and 256")).isEmpty();
        assertThat(names.unknown("conversationcontext.order.value must not be null")).isEmpty();
        assertThat(names.unknown("text size must be between 0 and 6000; from.name size must be between 0 and 256"))
                .isEmpty();
        assertThat(names.unknown("Wrong JSON type or missing member at value.messageId (line 1, column 9).")).isEmpty();
        assertThat(names.unknown("channel-id must match \"^[0-9a-fA-F]{8}$\"")).isEmpty();
        assertThat(names.unknown("A message activity needs a non-blank text or at least one attachment.")).isEmpty();
    }

    @Test
    void findsGeneratedJavaNamesAndMisplacedIndexes() {
        assertThat(names.unknown("channelData.messagingapiOc.type size must be between 0 and 256"))
                .containsExactly("channelData.messagingapiOc.type");
        assertThat(names.unknown("attachments.contentType[1] size must be between 0 and 256"))
                .containsExactly("attachments.contentType[1]");
        assertThat(names.unknown("channelId2 must match \"x\"")).containsExactly("channelId2");
        assertThat(names.unknown("Wrong JSON type or missing member at from.nam (line 1, column 5).")).containsExactly(
                "from.nam");
    }
}
