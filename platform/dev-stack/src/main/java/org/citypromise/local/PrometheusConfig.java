package org.citypromise.local;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus as the local stack runs it with {@code --with-prometheus}: its binary and its configuration. */
final class PrometheusConfig {

    private PrometheusConfig() {
    }

    /**
     * deploy/observability's prometheus.yml as this stack runs it, written to {@code <data>/prometheus.yml}:
     * the rule files where they are, the monitoring client's secret file of this stack's identity provider (it
     * lives with the data: {@code .local/data/token-issuer/}, or {@code .local/data-sasl/...}) and its token
     * endpoint. The services' /actuator/prometheus wants a token with the role monitoring; Prometheus gets one
     * by OAuth2 client credentials and renews it itself.
     */
    static Path write(Path root, Path data, Path monitoringClientSecretFile, String tokenEndpoint) throws IOException {
        Path source = root.resolve("deploy/observability/prometheus/prometheus.yml");
        String config = Files.readString(source);
        String written = replaceEvery(source, config, "(?m)^(\\s*- )rules/",
                "$1" + Matcher.quoteReplacement(source.getParent().resolve("rules") + "/"));
        written = replaceEvery(source, written, "(?m)^(\\s*client_secret_file:).*$",
                "$1 " + Matcher.quoteReplacement(monitoringClientSecretFile.toString()));
        written = replaceEvery(source, written, "(?m)^(\\s*token_url:).*$",
                "$1 " + Matcher.quoteReplacement(tokenEndpoint));
        Path target = data.resolve("prometheus.yml");
        Files.createDirectories(target.getParent());
        Files.writeString(target, "# Written by the local stack at each start from " + root.relativize(source)
                + ": change that file, not this one.\n" + written);
        return target;
    }

    private static String replaceEvery(Path file, String text, String regex, String replacement) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException(file + " has no line matching " + regex + ": the local stack cannot run it");
        }
        return matcher.replaceAll(replacement);
    }

    /** Prometheus's server binary on the PATH, or null. */
    static String binary() {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(directory -> Path.of(directory, "prometheus")).filter(Files::isExecutable)
                .map(Path::toString).findFirst().orElse(null);
    }
}
