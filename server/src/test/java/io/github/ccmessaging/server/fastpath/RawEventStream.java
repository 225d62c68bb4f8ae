package io.github.ccmessaging.server.fastpath;

import io.github.ccmessaging.server.channel.Channel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * An event stream read from a plain socket, byte for byte as the server sent it, and only when the test says so: a
 * client that can stop reading (its receive buffer kept small, so the server's writes back up quickly).
 */
final class RawEventStream implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    /** The body as Latin-1 characters, for searching without decoding it all again after each read. */
    private final StringBuilder searchable = new StringBuilder();
    private int searchedUpTo;
    private boolean ended;

    private RawEventStream(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /** Opens the stream of {@code channel}; reads nothing yet. */
    static RawEventStream open(URI baseUri, Channel channel, int receiveBuffer) {
        try {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(receiveBuffer); // before connecting, so that the window is small from the start
            socket.connect(new InetSocketAddress(baseUri.getHost(), baseUri.getPort()), 5000);
            socket.getOutputStream().write(("GET /emulator/stream HTTP/1.1\r\nHost: " + baseUri.getHost() + "\r\n"
                    + "Accept: text/event-stream\r\nAuthorization: Bearer " + channel.token() + "\r\n"
                    + "channel-id: " + channel.channelId() + "\r\norganization-id: " + channel.organizationId()
                    + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            return new RawEventStream(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads until the body holds {@code text} or the server ended the stream, or {@code wait} passed; returns the body
     * so far, its chunks' framing removed.
     */
    String readUntil(String text, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (!ended && !found(text)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
                try {
                    readChunk();
                } catch (SocketTimeoutException notYet) {
                    break;
                }
            }
        } catch (IOException e) {
            ended = true; // the server closed the connection
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private boolean found(String text) {
        boolean found = searchable.indexOf(text, Math.max(0, searchedUpTo - text.length())) >= 0;
        searchedUpTo = searchable.length();
        return found;
    }

    /** Reads until the server ends the stream or {@code wait} passed; returns the whole body. */
    String readToEnd(Duration wait) {
        return readUntil("\u0000never\u0000", wait);
    }

    /** Whether the server ended the stream (its last chunk, or the connection closed). */
    boolean ended() {
        return ended;
    }

    /** Reads what has arrived (waiting up to the socket's timeout for something) through the decoder. */
    private void readChunk() throws IOException {
        byte[] bytes = new byte[16 * 1024];
        int read = in.read(bytes);
        if (read < 0) {
            throw new IOException("closed");
        }
        for (int i = 0; i < read && !ended; i++) {
            decode(bytes[i]);
        }
    }

    private enum State { HEAD, SIZE, DATA, DATA_END }

    private State state = State.HEAD;
    private final StringBuilder line = new StringBuilder();
    private int chunkLeft;

    private void decode(byte b) {
        switch (state) {
            case HEAD -> {
                line.append((char) b);
                if (line.toString().endsWith("\r\n\r\n")) {
                    if (!line.toString().startsWith("HTTP/1.1 200")) {
                        throw new IllegalStateException("the stream answered " + line);
                    }
                    line.setLength(0);
                    state = State.SIZE;
                }
            }
            case SIZE -> {
                if (b == '\n') {
                    chunkLeft = Integer.parseInt(line.toString().split(";")[0].trim(), 16);
                    line.setLength(0);
                    ended = chunkLeft == 0;
                    state = State.DATA;
                } else if (b != '\r') {
                    line.append((char) b);
                }
            }
            case DATA -> {
                body.write(b);
                searchable.append((char) (b & 0xff));
                if (--chunkLeft == 0) {
                    state = State.DATA_END;
                }
            }
            case DATA_END -> {
                if (b == '\n') {
                    state = State.SIZE;
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closed already
        }
    }
}
