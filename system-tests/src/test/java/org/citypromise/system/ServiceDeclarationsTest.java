package org.citypromise.system;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.citypromise.backbone.Backbone;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citypromise.system.RunningSystem.AGGREGATION;
import static org.citypromise.system.RunningSystem.INVENTORY;
import static org.citypromise.system.RunningSystem.PLEDGE;

/**
 * What is declared twice agrees: the Strimzi KafkaTopic manifests under deploy/ and the topics the running services
 * declare on their broker (names, partitions and the configs the manifests set), so that the Topic Operator and the
 * services' startup check never fight; and the services' OpenAPI documents list their API only, not the
 * container's error page ({@code /error}, the kit's ErrorProblems).
 */
class ServiceDeclarationsTest extends ServicesOnBackbone {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path DEPLOY = RunningSystem.ROOT.resolve("deploy");
    /**
     * Manifest configs of the cluster, not of the topic's contract: they follow its size (3 brokers in the
     * manifests, 1 here), and no service declares them, so the operator's value stands.
     */
    private static final Set<String> CLUSTER_CONFIGS = Set.of("min.insync.replicas");

    /** A KafkaTopic of the manifests: its name, partitions and the configs it sets. */
    record ManifestTopic(Path file, String name, int partitions, Map<String, String> config) {
    }

    @Test
    void everyTopicOfTheManifestsIsOnTheBrokerAsTheServicesDeclareIt() throws Exception {
        List<ManifestTopic> manifests = manifestTopics();
        assertThat(manifests).as("KafkaTopic manifests under " + DEPLOY).isNotEmpty();
        Set<String> names = manifests.stream().map(ManifestTopic::name).collect(Collectors.toCollection(TreeSet::new));
        assertThat(names).as("each topic in the manifests once").hasSize(manifests.size());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Backbone.get().kafkaBootstrapServers()))) {
            Set<String> onBroker = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertThat(onBroker).as("the services' topics on the broker").containsAll(names);
            assertThat(onBroker).as("every topic the services made is in the manifests (internal ones aside)")
                    .isSubsetOf(names);
            Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            Map<ConfigResource, Config> configs = admin.describeConfigs(names.stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList())
                    .all().get(30, TimeUnit.SECONDS);
            for (ManifestTopic manifest : manifests) {
                String what = manifest.name() + " (" + RunningSystem.ROOT.relativize(manifest.file()) + ")";
                assertThat(descriptions.get(manifest.name()).partitions()).as(what + ": partitions")
                        .hasSize(manifest.partitions());
                Config actual = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, manifest.name()));
                manifest.config().forEach((key, value) -> {
                    if (!CLUSTER_CONFIGS.contains(key)) {
                        assertThat(actual.get(key)).as(what + ": " + key + " on the broker").isNotNull();
                        assertThat(actual.get(key).value()).as(what + ": " + key).isEqualTo(value);
                    }
                });
            }
        }
    }

    @Test
    void noOpenApiDocumentListsTheErrorPage() {
        for (String service : List.of(INVENTORY, PLEDGE, AGGREGATION)) {
            HttpResponse<String> response = system.get(service, "/v3/api-docs");
            assertThat(response.statusCode()).as(service + " /v3/api-docs: " + response.body()).isEqualTo(200);
            JsonNode document = JSON.readTree(response.body());
            List<String> paths = new ArrayList<>(document.path("paths").propertyNames());
            assertThat(paths).as(service + "'s API paths").anyMatch(path -> path.startsWith("/api/"))
                    .noneMatch(path -> path.equals("/error") || path.startsWith("/error/"));
            List<String> tags = new ArrayList<>();
            document.path("tags").forEach(tag -> tags.add(tag.path("name").asString("")));
            document.path("paths").forEach(operations -> operations.forEach(operation ->
                    operation.path("tags").forEach(tag -> tags.add(tag.asString("")))));
            assertThat(tags).as(service + "'s tags").doesNotContain("error-problems");
        }
    }

    /** Every KafkaTopic of every YAML file under deploy/. */
    private static List<ManifestTopic> manifestTopics() throws IOException {
        YAMLMapper yaml = YAMLMapper.builder().build();
        List<ManifestTopic> topics = new ArrayList<>();
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted().toList()) {
                String text = Files.readString(file);
                if (!text.contains("kind: KafkaTopic")) {
                    continue;
                }
                try (MappingIterator<JsonNode> documents = yaml.readerFor(JsonNode.class).readValues(text)) {
                    while (documents.hasNextValue()) {
                        JsonNode document = documents.nextValue();
                        if (document == null || !document.path("kind").asString("").equals("KafkaTopic")) {
                            continue;
                        }
                        JsonNode spec = document.path("spec");
                        // spec.topicName, where set, names the topic instead of metadata.name
                        String name = spec.path("topicName").asString(document.path("metadata").path("name").asString());
                        Map<String, String> config = new TreeMap<>();
                        spec.path("config").properties().forEach(entry -> config.put(entry.getKey(),
                                entry.getValue().asString()));
                        topics.add(new ManifestTopic(file, name, spec.path("partitions").asInt(), config));
                    }
                }
            }
        }
        return topics;
    }
}
