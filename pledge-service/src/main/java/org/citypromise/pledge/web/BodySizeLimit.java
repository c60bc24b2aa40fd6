package org.citypromise.pledge.web;

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
 * Refuses request bodies above a few kilobytes (a pledge is a few hundred bytes) with 413, before they
 * are read: by their declared length, or, sent without one, as soon as more than the limit has arrived.
 */
class BodySizeLimit extends OncePerRequestFilter {

    private final int maxBytes;

    BodySizeLimit(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            refuse(response);
            return;
        }
        LimitedRequest limited = new LimitedRequest(request, maxBytes);
        chain.doFilter(limited, response);
        if (limited.exceeded && !response.isCommitted()) {
            response.reset();
            refuse(response);
        }
    }

    private void refuse(HttpServletResponse response) throws IOException {
        FilterProblems.write(response, 413, "content-too-large", "Content too large", "body",
                "is larger than " + maxBytes + " bytes");
    }

    /** A body without a declared length, cut off past the limit (the reader then fails). */
    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final int maxBytes;
        private boolean exceeded;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, int maxBytes) {
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
                            exceeded = true;
                            throw new IOException("request body larger than " + maxBytes + " bytes");
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = body.read(buffer, offset, length);
                        if (n > 0 && (read += n) > maxBytes) {
                            exceeded = true;
                            throw new IOException("request body larger than " + maxBytes + " bytes");
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
    }
}
