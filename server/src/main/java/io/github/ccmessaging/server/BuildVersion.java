package io.github.ccmessaging.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version and commit the jar was built from ({@code --version}), as the build wrote them. */
final class BuildVersion implements IVersionProvider {
    static final String RESOURCE = "/messaging-server-version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {describe()};
    }

    /** E.g. {@code messaging-server 0.1.0-SNAPSHOT (commit 44abac8)}. */
    static String describe() {
        Properties built = new Properties();
        try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                built.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String commit = known(built.getProperty("commit"));
        boolean dirty = "true".equals(built.getProperty("dirty"));
        return "messaging-server " + known(built.getProperty("version")) + " (commit " + commit
                + (dirty ? ", with uncommitted changes" : "") + ")";
    }

    /** A value the build did not fill in (run from an IDE, or built outside a git clone) reads "unknown". */
    private static String known(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value;
    }
}
