package org.citypromise.backbone;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The tests' token fixture: signs JWTs as the identity provider does (RS256, {@code sub}, {@code roles},
 * {@code cities}, {@code iss}, {@code exp}), in the test JVM, and serves the public key as a JWK set, which the
 * services under test are pointed at ({@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri}); a test may
 * sign any claims ({@link #sign}), expired or forged-looking ones too. The local stack does not use it: it runs
 * the real OAuth2/OIDC provider, platform/identity-provider (production: Keycloak, deploy/keycloak).
 * <p>
 * {@code GET /token?role=resident&sub=alice} or {@code ?role=city-officer&city=seoul&city=hanoi} or
 * {@code ?role=admin} or {@code ?role=monitoring} answers a token as text, as the identity provider's development
 * shortcut does; {@code GET /jwks.json} the key set.
 * <p>
 * {@code POST /oauth2/token} is an OAuth2 token endpoint for the client credentials grant (RFC 6749 4.4), as
 * Prometheus's {@code oauth2} scrape setting uses it: form {@code grant_type=client_credentials}, the client
 * authenticated by HTTP Basic or by the form's {@code client_id} and {@code client_secret}; it answers
 * {@code {"access_token","token_type":"Bearer","expires_in"}}. One client is configured:
 * {@value #MONITORING_CLIENT_ID}, whose tokens carry the role {@value #MONITORING} (the actuator endpoints other
 * than health); its secret is made per start ({@link #monitoringClientSecret()}).
 */
public final class TestTokenIssuer implements AutoCloseable {

    public static final String RESIDENT = "resident";
    public static final String CITY_OFFICER = "city-officer";
    public static final String ADMIN = "admin";
    /** Reads the services' actuator endpoints other than health: metrics, for Prometheus. */
    public static final String MONITORING = "monitoring";
    /** The OAuth2 client (client credentials) that gets {@value #MONITORING} tokens: Prometheus. */
    public static final String MONITORING_CLIENT_ID = "citypromise-monitoring";
    private static final Set<String> ROLES = Set.of(RESIDENT, CITY_OFFICER, ADMIN, MONITORING);
    private static final Duration LIFETIME = Duration.ofHours(12);
    /** Of a client credentials token: the client asks again when it runs out. */
    private static final Duration CLIENT_TOKEN_LIFETIME = Duration.ofHours(1);

    private final RSAKey key;
    private final HttpServer server;
    private final String issuer;
    private final String monitoringClientSecret;

    private TestTokenIssuer(RSAKey key, HttpServer server, String monitoringClientSecret) {
        this.key = key;
        this.server = server;
        this.issuer = "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
        this.monitoringClientSecret = monitoringClientSecret;
    }

    /** Starts on {@code host:port} (0: a free port) with a new key and monitoring client secret. */
    public static TestTokenIssuer start(String host, int port) throws IOException {
        RSAKey key = newKey();
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        TestTokenIssuer issuer = new TestTokenIssuer(key, server, UUID.randomUUID().toString());
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        server.createContext("/jwks.json", exchange -> respond(exchange, 200, "application/json", jwks));
        server.createContext("/token", issuer::token);
        server.createContext("/oauth2/token", issuer::clientCredentials);
        server.start();
        return issuer;
    }

    public String issuer() {
        return issuer;
    }

    public String jwkSetUri() {
        return issuer + "/jwks.json";
    }

    /** The OAuth2 token endpoint (client credentials grant). */
    public String tokenEndpoint() {
        return issuer + "/oauth2/token";
    }

    /** The secret of the client {@value #MONITORING_CLIENT_ID}. */
    public String monitoringClientSecret() {
        return monitoringClientSecret;
    }

    public String resident(String subject) {
        return token(subject, RESIDENT, List.of());
    }

    public String officer(String subject, String... cities) {
        return token(subject, CITY_OFFICER, List.of(cities));
    }

    public String admin(String subject) {
        return token(subject, ADMIN, List.of());
    }

    public String monitoring(String subject) {
        return token(subject, MONITORING, List.of());
    }

    /** A token for {@code subject} in {@code role}; {@code cities} are the cities an officer acts for. */
    public String token(String subject, String role, List<String> cities) {
        return token(subject, role, cities, LIFETIME);
    }

    private String token(String subject, String role, List<String> cities, Duration lifetime) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer).subject(subject).jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(lifetime)))
                .claim("roles", List.of(role));
        if (!cities.isEmpty()) {
            claims.claim("cities", cities);
        }
        return sign(claims.build());
    }

    /** Any claims, e.g. an expired or forged-looking token for a test. */
    public String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
        String role = first(query, "role", RESIDENT);
        if (!ROLES.contains(role)) {
            respond(exchange, 400, "text/plain", "role must be one of " + ROLES + "\n");
            return;
        }
        List<String> cities = query.getOrDefault("city", List.of());
        if (role.equals(CITY_OFFICER) && cities.isEmpty()) {
            respond(exchange, 400, "text/plain", "a city-officer token needs at least one city=<cityId>\n");
            return;
        }
        String subject = first(query, "sub", role + "-" + UUID.randomUUID().toString().substring(0, 8));
        respond(exchange, 200, "text/plain", token(subject, role, cities) + "\n");
    }

    /**
     * {@code POST /oauth2/token}: the client credentials grant (RFC 6749 4.4), errors as its section 5.2
     * says ({@code {"error": ...}}, 400, or 401 for a client that did not authenticate).
     */
    private void clientCredentials(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (!exchange.getRequestMethod().equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "POST");
            oauthError(exchange, 405, "invalid_request", "POST a form: grant_type=client_credentials");
            return;
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            oauthError(exchange, 400, "invalid_request", "the body must be application/x-www-form-urlencoded");
            return;
        }
        Map<String, List<String>> form = query(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String grantType = first(form, "grant_type", null);
        if (grantType == null) {
            oauthError(exchange, 400, "invalid_request", "grant_type is missing");
            return;
        }
        if (!grantType.equals("client_credentials")) {
            oauthError(exchange, 400, "unsupported_grant_type", "only client_credentials is granted here");
            return;
        }
        String clientId = first(form, "client_id", null);
        String clientSecret = first(form, "client_secret", null);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        if (basic) {
            if (clientSecret != null) {
                oauthError(exchange, 400, "invalid_request", "authenticate the client one way only: Basic or the form");
                return;
            }
            // RFC 6749 2.3.1: id and secret form-urlencoded, then joined with a colon and base64-encoded
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                decoded = "";
            }
            int colon = decoded.indexOf(':');
            clientId = colon < 0 ? null : URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            clientSecret = colon < 0 ? null : URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
        }
        if (!MONITORING_CLIENT_ID.equals(clientId) || clientSecret == null || !MessageDigest.isEqual(
                clientSecret.getBytes(StandardCharsets.UTF_8), monitoringClientSecret.getBytes(StandardCharsets.UTF_8))) {
            if (basic) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"test token issuer\"");
            }
            oauthError(exchange, 401, "invalid_client", "unknown client or wrong secret");
            return;
        }
        String token = token("service-account-" + MONITORING_CLIENT_ID, MONITORING, List.of(), CLIENT_TOKEN_LIFETIME);
        respond(exchange, 200, "application/json", "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\","
                + "\"expires_in\":" + CLIENT_TOKEN_LIFETIME.toSeconds() + "}");
    }

    private static void oauthError(HttpExchange exchange, int status, String error, String description) {
        respond(exchange, status, "application/json", "{\"error\":\"" + error + "\",\"error_description\":\""
                + description + "\"}");
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make a test signing key", e);
        }
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] nameValue = pair.split("=", 2);
                query.computeIfAbsent(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8), name -> new ArrayList<>())
                        .add(nameValue.length == 2 ? URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8) : "");
            }
        }
        return query;
    }

    private static String first(Map<String, List<String>> query, String name, String otherwise) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() || values.get(0).isBlank() ? otherwise : values.get(0);
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
