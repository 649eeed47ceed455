package io.selection.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A minimal HTTP/1.1 keep-alive client on one socket, for the load side of the HTTP rows: it
 * writes a ready-made request and reads the status, headers and body (Content-Length or chunked),
 * and nothing else. The JDK's HttpClient costs several times more CPU per request, and here the
 * load generator shares the two cores with the service it measures.
 */
final class RawHttp implements AutoCloseable {

    record Response(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final String host;
    private final int port;
    private final String authorization;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private int timeoutMillis = 300_000;

    RawHttp(String host, int port, String user, String password) {
        this.host = host;
        this.port = port;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(timeoutMillis);
        socket.connect(new InetSocketAddress(host, port), 5_000);
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        out = socket.getOutputStream();
    }

    /** How long to wait for an answer before giving up (default 300 s). */
    RawHttp timeout(int seconds) {
        this.timeoutMillis = seconds * 1000;
        return this;
    }

    Response post(String path, String contentType, byte[] body) throws IOException {
        return exchange("POST", path, contentType, body);
    }

    Response get(String path) throws IOException {
        return exchange("GET", path, null, null, "application/json");
    }

    /** A GET asking for {@code accept} (e.g. {@code text/plain} for Prometheus' format). */
    Response get(String path, String accept) throws IOException {
        return exchange("GET", path, null, null, accept);
    }

    private Response exchange(String method, String path, String contentType, byte[] body) throws IOException {
        return exchange(method, path, contentType, body, "application/json");
    }

    private Response exchange(String method, String path, String contentType, byte[] body, String accept)
            throws IOException {
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n")
                .append("Authorization: ").append(authorization).append("\r\n")
                .append("Accept: ").append(accept).append("\r\n");
        if (body != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        for (int attempt = 0; ; attempt++) {
            try {
                if (socket == null) {
                    connect();
                }
                if (body == null) {
                    out.write(headBytes);
                } else {
                    byte[] all = new byte[headBytes.length + body.length];
                    System.arraycopy(headBytes, 0, all, 0, headBytes.length);
                    System.arraycopy(body, 0, all, headBytes.length, body.length);
                    out.write(all);
                }
                out.flush();
                return read();
            } catch (IOException e) {
                // a kept-alive connection the server closed: reconnect once (nothing was answered)
                close();
                if (attempt > 0) {
                    throw e;
                }
            }
        }
    }

    private Response read() throws IOException {
        String status = line();
        if (status == null) {
            throw new IOException("connection closed before an answer");
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        for (String header = line(); header != null && !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                closeAfter = true;
            }
        }
        byte[] body;
        if (chunked) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                b.write(in.readNBytes(size));
                line();
            }
            for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
                // trailers are ignored
            }
            body = b.toByteArray();
        } else if (length >= 0) {
            body = in.readNBytes((int) length);
        } else {
            body = in.readAllBytes();
            closeAfter = true;
        }
        if (closeAfter) {
            close();
        }
        return new Response(code, body);
    }

    private String line() throws IOException {
        StringBuilder s = new StringBuilder(64);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int n = s.length();
                if (n > 0 && s.charAt(n - 1) == '\r') {
                    s.setLength(n - 1);
                }
                return s.toString();
            }
            s.append((char) c);
        }
        return s.length() == 0 ? null : s.toString();
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
}
