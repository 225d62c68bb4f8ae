package io.github.ccmessaging.server.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client that sends {@link WireRequest}s byte for byte: the body as raw bytes (so it can carry
 * invalid UTF-8, which {@code ApiCalls}'s strings cannot), the headers exactly as given, head and body in one write.
 *
 * <p>One connection is kept alive and reused for as long as the server allows. The server (Grizzly) answers every 400
 * with {@code Connection: close}, so after most bad requests the next one opens a new connection; the JDK
 * {@code HttpClient} does the same, only slower, which is why the corpus does not use it.
 */
final class Wire implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TIMEOUT_MILLIS = 10_000;

    private final URI baseUri;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int connections;

    Wire(URI baseUri) {
        this.baseUri = baseUri;
    }

    /** How many TCP connections were opened so far. */
    int connections() {
        return connections;
    }

    WireReply send(WireRequest request) {
        byte[] bytes = encode(request);
        boolean reused = socket != null;
        try {
            return exchange(bytes);
        } catch (IOException first) {
            close();
            if (!reused) {
                throw new UncheckedIOException("request failed: " + request, first);
            }
            try {
                // the server closed the idle connection we reused: once more on a new one
                return exchange(bytes);
            } catch (IOException second) {
                close();
                throw new UncheckedIOException("request failed: " + request, second);
            }
        }
    }

    private WireReply exchange(byte[] bytes) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.connect(new InetSocketAddress(baseUri.getHost(), baseUri.getPort()), TIMEOUT_MILLIS);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
            connections++;
        }
        out.write(bytes);
        out.flush();
        String statusLine = readLine(in);
        if (statusLine == null) {
            throw new EOFException("connection closed before the status line");
        }
        String[] status = statusLine.split(" ", 3);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
        byte[] body;
        if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if (headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
            body = readChunked(in);
        } else {
            body = in.readAllBytes();
            headers.put("connection", "close");
        }
        if ("close".equalsIgnoreCase(headers.get("connection")) || statusLine.startsWith("HTTP/1.0")) {
            close();
        }
        return new WireReply(Integer.parseInt(status[1]), headers.getOrDefault("content-type", ""),
                headers.get("x-ms-correlation-id"), new String(body, StandardCharsets.UTF_8), headers);
    }

    private byte[] encode(WireRequest request) {
        StringBuilder head = new StringBuilder();
        head.append(request.method()).append(' ').append(request.path()).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(baseUri.getHost()).append(':').append(baseUri.getPort()).append("\r\n");
        request.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        byte[] body = request.body() == null ? new byte[0] : request.body();
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(head.length() + body.length);
        bytes.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        bytes.writeBytes(body);
        return bytes.toByteArray();
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c == -1) {
                return line.length() == 0 ? null : line.toString();
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = readLine(in);
            if (size == null) {
                throw new EOFException("connection closed inside a chunked body");
            }
            int length = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (length == 0) {
                for (String trailer = readLine(in); trailer != null && !trailer.isEmpty(); trailer = readLine(in)) {
                    // trailers are ignored
                }
                return body.toByteArray();
            }
            body.writeBytes(in.readNBytes(length));
            readLine(in);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
        in = null;
        out = null;
    }

    /** A response as the client saw it; header names in lower case. */
    record WireReply(int status, String contentType, String correlationId, String body, Map<String, String> headers) {

        /** The body as JSON, or null when it is not JSON. */
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return null;
            }
        }

        /** The problem's {@code errorCode}, or -1 when there is none. */
        int errorCode() {
            JsonNode json = json();
            return json == null ? -1 : json.path("errorCode").asInt(-1);
        }
    }
}
