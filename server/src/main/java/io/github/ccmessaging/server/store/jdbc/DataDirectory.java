package io.github.ccmessaging.server.store.jdbc;

import io.github.ccmessaging.server.store.StoreOpeningFailure;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The embedded store's directory, held by one server at a time: the holder keeps an exclusive lock on
 * {@code messaging.lock} in it, with its process id written inside so that a second server can say who holds it.
 * The operating system releases the lock when the holder exits, even by {@code kill -9}.
 */
public final class DataDirectory implements AutoCloseable {
    static final String LOCK_FILE = "messaging.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectory(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Fails with one line naming the problem when the directory cannot hold the store: it is a file, cannot be created,
     * is not writable, or another server holds it. Opens nothing that stays open.
     */
    public static void check(Path dir) {
        try (DataDirectory held = hold(dir)) {
            Path probe = Files.createTempFile(dir, ".write-check-", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new StoreOpeningFailure("The data directory " + dir + " is not writable (" + reason(e) + ").", e);
        }
    }

    /** Creates the directory when missing and takes its lock until {@link #close()}. */
    static DataDirectory hold(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new StoreOpeningFailure("The data directory " + dir + " is not a directory.", null);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreOpeningFailure("The data directory " + dir + " cannot be created (" + reason(e) + ").", e);
        }
        Path file = dir.resolve(LOCK_FILE);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StoreOpeningFailure("The data directory " + dir + " is not writable (" + reason(e) + ").", e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                throw new StoreOpeningFailure("The data directory " + dir + " is in use by another server"
                        + holder + "; stop it, or give this server another --data-dir.", null);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(false);
            return new DataDirectory(channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new StoreOpeningFailure("The data directory " + dir + " is in use by another server in this "
                    + "process (process " + ProcessHandle.current().pid() + ").", e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreOpeningFailure("The data directory " + dir + " cannot be locked (" + reason(e) + ").", e);
        }
    }

    private static String holder(FileChannel channel) {
        try {
            ByteBuffer content = ByteBuffer.allocate(32);
            channel.read(content, 0);
            String pid = new String(content.array(), 0, content.position(), StandardCharsets.US_ASCII).trim();
            return pid.matches("\\d+") ? " (process " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** The operating system's words for it, e.g. "Read-only file system" or "permission denied". */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? "an input/output error" : e.getMessage();
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the lock goes with the channel
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }
}
