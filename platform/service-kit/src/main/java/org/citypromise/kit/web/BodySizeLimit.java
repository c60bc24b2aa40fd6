package org.citypromise.kit.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Refuses request bodies above a limit (each service's {@code citypromise.max-request-body-bytes}: 16 KB for
 * pledges of a few hundred bytes, 256 KB for inventories, whose largest legitimate body — every GPC row, every gas — is about 11 KB) with 413, before they are read:
 * by their declared length, or, sent without one (chunked), as soon as more than the limit has arrived. Nothing
 * of such a request is stored or published.
 */
public class BodySizeLimit extends OncePerRequestFilter {

    private final long maxBytes;

    public BodySizeLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            refuse(request, response, maxBytes);
            return;
        }
        LimitedRequest limited = new LimitedRequest(request, maxBytes);
        chain.doFilter(limited, response);
        if (limited.exceeded && !response.isCommitted()) {
            response.reset();
            refuse(request, response, maxBytes);
        }
    }

    static void refuse(HttpServletRequest request, HttpServletResponse response, long maxBytes) throws IOException {
        FilterProblems.writeOwn(request, response, 413, "content-too-large", "body", "kit.reason.too-large",
                Long.toString(maxBytes));
    }

    /** What reading a body past the limit fails with; the services that use this filter answer it with 413. */
    public static final class TooLarge extends IOException {
        private final long maxBytes;

        TooLarge(long maxBytes) {
            super("request body larger than " + maxBytes + " bytes");
            this.maxBytes = maxBytes;
        }

        public long maxBytes() {
            return maxBytes;
        }
    }

    /** A body without a declared length, cut off past the limit (the reader then fails). */
    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long maxBytes;
        private boolean exceeded;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream body = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = body.read();
                        if (b >= 0 && ++read > maxBytes) {
                            throw exceeded();
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = body.read(buffer, offset, length);
                        if (n > 0 && (read += n) > maxBytes) {
                            throw exceeded();
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return body.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return body.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        body.setReadListener(listener);
                    }
                };
            }
            return stream;
        }

        private TooLarge exceeded() {
            exceeded = true;
            return new TooLarge(maxBytes);
        }
    }
}
