package io.github.ccmessaging.bench.console;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One kept-alive HTTP/1.1 connection for the harness's requests (the set-up and the probes), one at a time: a blocking
 * socket and a few lines of parsing, so that sending 20 probes a second costs the shared cores next to nothing.
 */
final class ProbeConnection implements AutoCloseable {
    private final URI base;
    private final String headers;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    ProbeConnection(URI base, String headers) {
        this.base = base;
        this.headers = headers;
    }

    /** Sends {@code body} to {@code path}; returns the answer's body, or throws when the status is not 2xx. */
    String send(String method, String path, String body) throws IOException {
        if (socket == null) {
            socket = new Socket(base.getHost(), base.getPort());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        out.write((method + " " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n" + headers
                + "Content-Length: " + content.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(content);
        out.flush();
        String status = line();
        int length = -1;
        boolean chunked = false;
        boolean closing = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                closing = true;
            }
        }
        String answer = chunked ? chunkedBody() : new String(in.readNBytes(Math.max(length, 0)),
                StandardCharsets.UTF_8);
        if (closing) { // the server ends a kept-alive connection after so many requests
            close();
            socket = null;
        }
        if (status.length() < 12 || status.charAt(9) != '2') {
            throw new IllegalStateException(method + " " + path + ": " + status + " " + answer);
        }
        return answer;
    }

    private String chunkedBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
             size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
            body.write(in.readNBytes(size));
            line();
        }
        line();
        return body.toString(StandardCharsets.UTF_8);
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the server closed the probe connection");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
        }
    }
}
