package io.selection.api.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.selection.api.config.SelectionProperties;
import io.selection.recount.Language;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Holds every request body to {@code selection.limits.body-bytes} before anything reads it: a
 * declared {@code Content-Length} over the limit is answered 413 at once, unread; a body of unknown
 * length (chunked) is read through a counting stream that fails with {@link TooLarge} at the first
 * byte past the limit, so no reader ever holds more than the limit. Runs before security, so an
 * oversized body costs the server nothing, signed in or not.
 */
public class BodyLimitFilter extends OncePerRequestFilter implements Ordered {

    /** Before Spring Security's chain (-100) and everything else that might read a body. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

    private final long maxBytes;
    private final ObjectMapper mapper;

    public BodyLimitFilter(SelectionProperties.Limits limits, ObjectMapper mapper) {
        this.maxBytes = limits.bodyBytes();
        this.mapper = mapper;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            refuse(request, response, tooLarge(maxBytes));
            return;
        }
        chain.doFilter(declared >= 0 ? request : new Counted(request, maxBytes), response);
    }

    static TooLarge tooLarge(long maxBytes) {
        return new TooLarge("bodyBytes", maxBytes, ApiPhrase.BODY_BYTES, maxBytes);
    }

    /**
     * Writes the problem with a known length and flushes it, so the client reads the refusal even
     * while it is still sending; the connection is then closed rather than drained.
     */
    private void refuse(HttpServletRequest request, HttpServletResponse response, TooLarge e) throws IOException {
        // before the request's context is set: the language is read off the request itself
        Language language = Words.of(request);
        ProblemDetail problem = ApiProblem.tooLarge(e, language);
        byte[] json = mapper.writeValueAsBytes(problem);
        response.setStatus(problem.getStatus());
        response.setContentType(ApiProblem.PROBLEM_JSON.toString());
        ApiProblem.languageHeaders(language).forEach((name, values) -> response.setHeader(name, values.get(0)));
        response.setHeader("Connection", "close");
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
        response.flushBuffer();
    }

    /** The request with its input stream counted. */
    private static final class Counted extends HttpServletRequestWrapper {
        private final long maxBytes;
        private ServletInputStream counted;

        Counted(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (counted == null) {
                counted = new CountingInputStream(super.getInputStream(), maxBytes);
            }
            return counted;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
                    encoding == null ? java.nio.charset.StandardCharsets.UTF_8
                            : java.nio.charset.Charset.forName(encoding)));
        }
    }

    /** Fails with {@link TooLarge} once more than {@code maxBytes} have been read. */
    static final class CountingInputStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long maxBytes;
        private long read;

        CountingInputStream(ServletInputStream in, long maxBytes) {
            this.in = in;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            // never ask for more than one byte past the limit: the stream stops there
            long room = maxBytes - read + 1;
            int n = in.read(buffer, offset, (int) Math.min(length, Math.max(1, room)));
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws TooLarge {
            read += n;
            if (read > maxBytes) {
                throw tooLarge(maxBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
