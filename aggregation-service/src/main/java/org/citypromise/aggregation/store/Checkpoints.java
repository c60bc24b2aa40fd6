package org.citypromise.aggregation.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per topic partition ({@code _id} = {@code <topic>-<partition>}), the offset of the next record to take:
 * where the consumers resume, from the store rather than from Kafka's committed offsets. Should the store
 * ever lose its last writes (a development store killed, a failover losing unreplicated writes), the
 * checkpoints go back with the views, and the records the store lost are read again rather than skipped.
 */
public class Checkpoints {

    private final MongoCollection<Document> checkpoints;

    public Checkpoints(MongoCollection<Document> checkpoints) {
        this.checkpoints = checkpoints;
    }

    /**
     * Notes that every record before {@code next} (topic-partition to offset) has been taken, after the
     * batch's writes. {@code $max}: a writer that lost its partitions cannot move a checkpoint back.
     */
    public void advance(Map<String, Long> next) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        next.forEach((partition, offset) -> writes.add(new UpdateOneModel<>(Filters.eq("_id", partition),
                Updates.max("offset", offset), new UpdateOptions().upsert(true))));
        BulkWrites.idempotent(checkpoints, writes);
    }

    /** The offset to resume each of these topic partitions from, where the store has one. */
    public Map<String, Long> find(List<String> partitions) {
        Map<String, Long> found = new HashMap<>();
        checkpoints.find(Filters.in("_id", partitions))
                .forEach(document -> found.put(document.getString("_id"), ViewDocuments.longOf(document.get("offset"))));
        return found;
    }
}
