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
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * {@code ?role=admin} answers a token as text; {@code GET /jwks.json} the key set.
 */
public final class DevTokenIssuer implements AutoCloseable {

    public static final String RESIDENT = "resident";
    public static final String CITY_OFFICER = "city-officer";
    public static final String ADMIN = "admin";
    private static final Set<String> ROLES = Set.of(RESIDENT, CITY_OFFICER, ADMIN);
    private static final Duration LIFETIME = Duration.ofHours(12);

    private final RSAKey key;
    private final HttpServer server;
    private final String issuer;

    private DevTokenIssuer(RSAKey key, HttpServer server) {
        this.key = key;
        this.server = server;
        this.issuer = "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    /**
     * Starts on {@code host:port} (0: a free port). With a {@code keyFile}, the signing key is kept there
     * (created on first start), so that tokens stay valid across restarts of the local stack; without, a
     * new key per start (tests).
     */
    public static DevTokenIssuer start(String host, int port, Path keyFile) throws IOException {
        RSAKey key = keyFile == null ? newKey() : loadOrCreate(keyFile);
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        DevTokenIssuer issuer = new DevTokenIssuer(key, server);
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        server.createContext("/jwks.json", exchange -> respond(exchange, 200, "application/json", jwks));
        server.createContext("/token", issuer::token);
        server.start();
        return issuer;
    }

    public String issuer() {
        return issuer;
    }

    public String jwkSetUri() {
        return issuer + "/jwks.json";
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

    /** A token for {@code subject} in {@code role}; {@code cities} are the cities an officer acts for. */
    public String token(String subject, String role, List<String> cities) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer).subject(subject).jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(LIFETIME)))
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

    @Override
    public void close() {
        server.stop(0);
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
