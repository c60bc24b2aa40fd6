package org.citypromise.backbone;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The published contract of one event type, as its producer keeps it in its own module:
 * {@code src/main/resources/events/<name>.schema.json} (JSON Schema of the data) and
 * {@code src/main/resources/events/examples/<name>*.json} (whole example messages: key, CloudEvent
 * headers and data). Producers check what they really emit against the schema; consumers run the
 * producer's examples through their own copy of the type.
 */
public final class EventContract {

    /** An example message as it travels on Kafka. */
    public record Example(String name, String key, Map<String, String> headers, String data) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final String name;
    private final Path eventsFolder;
    private final Schema schema;

    private EventContract(Path eventsFolder, String name) {
        this.name = name;
        this.eventsFolder = eventsFolder;
        Path schemaFile = eventsFolder.resolve(name + ".schema.json");
        try {
            this.schema = SCHEMAS.getSchema(Files.readString(schemaFile));
        } catch (IOException e) {
            throw new UncheckedIOException("no schema " + schemaFile.toAbsolutePath(), e);
        }
    }

    /** The contract of an event this module produces, e.g. {@code own("city-registered.v1")}. */
    public static EventContract own(String name) {
        return new EventContract(Path.of("src", "main", "resources", "events"), name);
    }

    /**
     * The contract a sibling service publishes, read from its module in this repository, e.g.
     * {@code publishedBy("inventory-service", "city-registered.v1")}.
     */
    public static EventContract publishedBy(String producerModule, String name) {
        return new EventContract(Path.of("..", producerModule, "src", "main", "resources", "events"), name);
    }

    /** Schema violations of a message body; empty when it conforms. */
    public List<String> violations(String data) {
        JsonNode node = JSON.readTree(data);
        return schema.validate(node).stream().map(Error::toString).toList();
    }

    public List<Example> examples() {
        Path folder = eventsFolder.resolve("examples");
        try (Stream<Path> files = Files.list(folder)) {
            List<Example> examples = files
                    .filter(file -> file.getFileName().toString().startsWith(name) && file.toString().endsWith(".json"))
                    .sorted()
                    .map(EventContract::readExample)
                    .toList();
            if (examples.isEmpty()) {
                throw new IllegalStateException("no examples of " + name + " in " + folder.toAbsolutePath());
            }
            return examples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Example readExample(Path file) {
        try {
            JsonNode root = JSON.readTree(Files.readString(file));
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            root.get("headers").properties().forEach(entry -> headers.put(entry.getKey(), entry.getValue().asString()));
            return new Example(file.getFileName().toString(), root.get("key").asString(), headers,
                    JSON.writeValueAsString(root.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
