package org.citypromise.pledge.web;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.citypromise.kit.web.ApiLanguages;
import org.citypromise.kit.web.FilterProblems;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Limits pledge writes (submissions, progress reports, withdrawals) per client — the token's subject —
 * and per IP address, with token buckets: a burst up to the limit, refilled evenly over a minute. Beyond
 * it, 429 with {@code Retry-After}, before anything is read or stored. The buckets are this instance's
 * own: behind a load balancer each instance allows its share (a shared store would make them exact).
 * The IP address is the connection's, or the client's as the proxy says when
 * {@code server.forward-headers-strategy} is set.
 */
class RateLimits extends OncePerRequestFilter {

    private static final Pattern PLEDGE_WRITE = Pattern.compile(
            "^/api/v1/(cities/[^/]+/pledges|pledges/[^/]+/(progress|withdrawal))$");

    private final LoadingCache<String, Bucket> clients;
    private final LoadingCache<String, Bucket> addresses;
    private final MessageSource messages;

    /** @param perClient, perAddress writes a minute, each at least 1 */
    RateLimits(int perClient, int perAddress, MessageSource messages) {
        this.clients = buckets(perClient);
        this.addresses = buckets(perAddress);
        this.messages = messages;
    }

    private static LoadingCache<String, Bucket> buckets(int perMinute) {
        // a client unseen for 10 minutes has a full bucket again anyway: forgetting it changes nothing
        return Caffeine.newBuilder().maximumSize(200_000).expireAfterAccess(Duration.ofMinutes(10))
                .build(key -> Bucket.builder().addLimit(Bandwidth.builder().capacity(perMinute)
                        .refillGreedy(perMinute, Duration.ofMinutes(1)).build()).build());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !PLEDGE_WRITE.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String client = authentication != null && authentication.getPrincipal() instanceof Jwt token
                ? token.getSubject() : null;
        ConsumptionProbe byAddress = addresses.get(request.getRemoteAddr()).tryConsumeAndReturnRemaining(1);
        if (!byAddress.isConsumed()) {
            refuse(request, response, byAddress, "reason.too-many-writes.address");
            return;
        }
        if (client != null) {
            ConsumptionProbe byClient = clients.get(client).tryConsumeAndReturnRemaining(1);
            if (!byClient.isConsumed()) {
                refuse(request, response, byClient, "reason.too-many-writes.client");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, ConsumptionProbe probe,
                        String reasonKey) throws IOException {
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
        Locale language = ApiLanguages.of(request);
        response.setHeader("Retry-After", Long.toString(seconds));
        FilterProblems.write(request, response, 429, "too-many-requests",
                messages.getMessage("title.too-many-requests", null, language), "Authorization",
                messages.getMessage(reasonKey, new Object[] {Long.toString(seconds)}, language));
    }
}
