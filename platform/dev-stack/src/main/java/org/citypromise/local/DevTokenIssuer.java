package org.citypromise.local;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.text.ParseException;
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
 * A development token issuer: signs JWTs as an identity provider would (RS256, {@code sub}, {@code roles},
 * {@code cities}, {@code iss}, {@code exp}) and serves the public key as a JWK set, which the services
 * are pointed at ({@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri}). Never for production:
 * it hands a token for any role to whoever asks. In production the services trust a real provider
 * (deploy/keycloak has the realm with the same roles and claims).
 * <p>
 * {@code GET /token?role=resident&sub=alice} or {@code ?role=city-officer&city=seoul&city=hanoi} or
 * {@code ?role=admin} or {@code ?role=monitoring} answers a token as text; {@code GET /jwks.json} the key set.
 * <p>
 * {@code POST /oauth2/token} is an OAuth2 token endpoint for the client credentials grant (RFC 6749 4.4), as
 * Prometheus's {@code oauth2} scrape setting and Keycloak's service accounts use it: form
 * {@code grant_type=client_credentials}, the client authenticated by HTTP Basic or by the form's
 * {@code client_id} and {@code client_secret}; it answers {@code {"access_token","token_type":"Bearer","expires_in"}}.
 * One client is configured: {@value #MONITORING_CLIENT_ID}, whose tokens carry the role {@value #MONITORING}
 * (the actuator endpoints other than health). Its secret is generated on first start and kept beside the
 * signing key ({@value #MONITORING_CLIENT_SECRET_FILE}, owner-only), or made per start without a key file.
 */
public final class DevTokenIssuer implements AutoCloseable {

    public static final String RESIDENT = "resident";
    public static final String CITY_OFFICER = "city-officer";
    public static final String ADMIN = "admin";
    /** Reads the services' actuator endpoints other than health: metrics, for Prometheus. */
    public static final String MONITORING = "monitoring";
    /** The OAuth2 client (client credentials) that gets {@value #MONITORING} tokens: Prometheus. */
    public static final String MONITORING_CLIENT_ID = "citypromise-monitoring";
    /** Beside the signing key: the monitoring client's secret, one line. */
    public static final String MONITORING_CLIENT_SECRET_FILE = "monitoring-client-secret";
    private static final Set<String> ROLES = Set.of(RESIDENT, CITY_OFFICER, ADMIN, MONITORING);
    private static final Duration LIFETIME = Duration.ofHours(12);
    /** Of a client credentials token: the client asks again when it runs out. */
    private static final Duration CLIENT_TOKEN_LIFETIME = Duration.ofHours(1);

    private final RSAKey key;
    private final HttpServer server;
    private final String issuer;
    private final String monitoringClientSecret;
    private final Path monitoringClientSecretFile;

    private DevTokenIssuer(RSAKey key, HttpServer server, String monitoringClientSecret, Path monitoringClientSecretFile) {
        this.key = key;
        this.server = server;
        this.issuer = "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
        this.monitoringClientSecret = monitoringClientSecret;
        this.monitoringClientSecretFile = monitoringClientSecretFile;
    }

    /**
     * Starts on {@code host:port} (0: a free port). With a {@code keyFile}, the signing key is kept there
     * (created on first start), so that tokens stay valid across restarts of the local stack, and the
     * monitoring client's secret beside it ({@value #MONITORING_CLIENT_SECRET_FILE}); without, a new key and
     * secret per start (tests).
     */
    public static DevTokenIssuer start(String host, int port, Path keyFile) throws IOException {
        RSAKey key = keyFile == null ? newKey() : loadOrCreate(keyFile);
        Path secretFile = keyFile == null ? null : keyFile.resolveSibling(MONITORING_CLIENT_SECRET_FILE);
        String secret = secretFile == null ? KafkaBroker.randomPassword() : loadOrCreateSecret(secretFile);
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        DevTokenIssuer issuer = new DevTokenIssuer(key, server, secret, secretFile);
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

    /** Where that secret is kept (for Prometheus's {@code client_secret_file}); null when made for this start only. */
    public Path monitoringClientSecretFile() {
        return monitoringClientSecretFile;
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
            throw new IllegalStateException("cannot sign a development token", e);
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
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"development token issuer\"");
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

    /** The monitoring client's secret: generated on first start, owner-only, read back after. */
    private static String loadOrCreateSecret(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            KafkaBroker.writePrivately(file, KafkaBroker.randomPassword()); // no newline: read as it is
        }
        String secret = Files.readString(file).trim();
        if (secret.isEmpty()) {
            throw new IOException(file + " is empty: delete it to have a new secret made");
        }
        return secret;
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make a development signing key", e);
        }
    }

    private static RSAKey loadOrCreate(Path keyFile) throws IOException {
        if (Files.exists(keyFile)) {
            try {
                return RSAKey.parse(Files.readString(keyFile));
            } catch (ParseException e) {
                throw new IOException(keyFile + " is not a JWK: delete it to have a new key made", e);
            }
        }
        RSAKey key = newKey();
        Files.createDirectories(keyFile.getParent());
        Files.writeString(keyFile, key.toJSONString());
        return key;
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
