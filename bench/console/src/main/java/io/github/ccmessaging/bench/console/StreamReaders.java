package io.github.ccmessaging.bench.console;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads many event streams on one thread: plain sockets behind one selector, HTTP/1.1 with chunked transfer coding
 * decoded by hand, each SSE line handed to its stream's consumer. A browser's console reads its stream on the user's
 * machine; here the reader shares the server's cores, so it does as little as a reader can (a few µs per event,
 * where the JDK HttpClient's line flow cost about 120 µs).
 */
final class StreamReaders implements AutoCloseable {
    private final Selector selector = Selector.open();
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private volatile boolean closed;

    StreamReaders() throws IOException {
    }

    /** Opens a stream: sends {@code request} (a whole HTTP/1.1 request head) and gives each line of the body to lines. */
    void open(URI base, String request, LineConsumer lines) throws IOException {
        SocketChannel socket = SocketChannel.open(new InetSocketAddress(base.getHost(), base.getPort()));
        socket.socket().setTcpNoDelay(true);
        ByteBuffer head = ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1));
        while (head.hasRemaining()) {
            socket.write(head);
        }
        socket.configureBlocking(false);
        socket.register(selector, SelectionKey.OP_READ, new Decoder(lines)); // never blocks on a select since JDK 11
        selector.wakeup();
    }

    /** Reads until closed. */
    void run() throws IOException {
        while (!closed) {
            selector.select(100);
            for (SelectionKey key : selector.selectedKeys()) {
                SocketChannel socket = (SocketChannel) key.channel();
                buffer.clear();
                int read;
                try {
                    read = socket.read(buffer);
                } catch (IOException gone) {
                    read = -1;
                }
                if (read < 0) {
                    key.cancel();
                    socket.close();
                    continue;
                }
                buffer.flip();
                ((Decoder) key.attachment()).feed(buffer);
            }
            selector.selectedKeys().clear();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        selector.wakeup();
    }

    /** Takes one line of a stream, without its line end, as bytes: most lines need no decoding at all. */
    interface LineConsumer {
        void accept(byte[] line, int length);
    }

    /** HTTP response head, then chunked body, then SSE lines. */
    private static final class Decoder {
        private enum State { HEAD, SIZE, DATA, DATA_END }

        private final LineConsumer lines;
        private byte[] line = new byte[1024];
        private int length;
        private final StringBuilder sizeLine = new StringBuilder();
        private State state = State.HEAD;
        private int headMatched;
        private long chunkLeft;
        private boolean chunked;
        private final StringBuilder head = new StringBuilder();

        Decoder(LineConsumer lines) {
            this.lines = lines;
        }

        void feed(ByteBuffer bytes) {
            byte[] array = bytes.array();
            for (int i = bytes.position(); i < bytes.limit(); i++) {
                byte b = array[i];
                switch (state) {
                    case HEAD -> {
                        head.append((char) b);
                        headMatched = (b == '\r' || b == '\n') ? headMatched + 1 : 0;
                        if (headMatched == 4) {
                            String text = head.toString();
                            if (!text.startsWith("HTTP/1.1 200")) {
                                throw new IllegalStateException("the stream answered " + text.lines().findFirst()
                                        .orElse(text));
                            }
                            chunked = text.toLowerCase().contains("transfer-encoding: chunked");
                            state = chunked ? State.SIZE : State.DATA;
                            chunkLeft = Long.MAX_VALUE;
                        }
                    }
                    case SIZE -> {
                        if (b == '\n') {
                            String size = sizeLine.toString().trim();
                            int extension = size.indexOf(';');
                            chunkLeft = Long.parseLong(extension < 0 ? size : size.substring(0, extension), 16);
                            sizeLine.setLength(0);
                            state = chunkLeft == 0 ? State.DATA_END : State.DATA;
                        } else {
                            sizeLine.append((char) b);
                        }
                    }
                    case DATA -> {
                        line(b);
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
        }

        private void line(byte b) {
            if (b == '\n') {
                lines.accept(line, length);
                length = 0;
            } else if (b != '\r') {
                if (length == line.length) {
                    line = Arrays.copyOf(line, length * 2);
                }
                line[length++] = b;
            }
        }
    }
}
