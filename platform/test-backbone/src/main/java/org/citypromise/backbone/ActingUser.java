package org.citypromise.backbone;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * For tests about something other than access: a request without an Authorization header is sent with
 * the token of the user who would make it — a city's officer for a city's publications and its list of
 * pledges, an admin for the admin API, {@link #RESIDENT} for pledges, the monitoring identity (Prometheus) for
 * the actuator endpoints other than health. Tests about access set their own header, which is left alone
 * (an empty one: no credentials).
 */
public final class ActingUser implements ClientHttpRequestInterceptor {

    /** The resident the tests pledge as, unless they say otherwise. */
    public static final String RESIDENT = "resident-1";
    private static final Pattern CITY = Pattern.compile("^/api/v1/cities/([^/]+)(/.*)?$");

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        if (!request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
            String authorization = authorization(request.getMethod(), request.getURI().getPath());
            if (authorization != null) {
                request.getHeaders().set(HttpHeaders.AUTHORIZATION, authorization);
            }
        }
        return execution.execute(request, body);
    }

    /** The Authorization header the user making this request would send; null for public reads. */
    public static String authorization(HttpMethod method, String path) {
        if (path.startsWith("/api/v1/admin/")) {
            return Tokens.admin();
        }
        if ((path.equals("/actuator") || path.startsWith("/actuator/")) && !path.equals("/actuator/health")
                && !path.startsWith("/actuator/health/")) {
            return Tokens.monitoring();
        }
        Matcher city = CITY.matcher(path);
        if (city.matches() && !path.endsWith("/contributions")) {
            String rest = city.group(2) == null ? "" : city.group(2);
            if (rest.equals("/pledges") && method.equals(HttpMethod.POST)) {
                return Tokens.resident(RESIDENT);
            }
            if (!method.equals(HttpMethod.GET) || rest.equals("/pledges")) {
                return Tokens.officer(city.group(1));
            }
            return null;
        }
        if (path.startsWith("/api/v1/pledges")) {
            return Tokens.resident(RESIDENT);
        }
        return null;
    }
}
