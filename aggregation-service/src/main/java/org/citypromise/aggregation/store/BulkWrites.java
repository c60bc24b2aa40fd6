package org.citypromise.aggregation.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * The few ways this store reads and writes many documents at once, each filtered by {@code _id} alone:
 * served by the _id index on MongoDB and on mongo-java-server (which scans the whole collection for any
 * other filter).
 */
final class BulkWrites {

    /** Ids per {@code $in} query: mongo-java-server matches each found document against the whole list. */
    private static final int IDS_PER_QUERY = 200;

    private BulkWrites() {
    }

    /** Upserts by {@code _id} alone, unordered; one refused with a duplicate key is done again. */
    static void idempotent(MongoCollection<Document> collection, List<WriteModel<Document>> writes) {
        idempotent(collection, writes, writes);
    }

    /**
     * Inserts and upserts by {@code _id} alone, unordered. A write refused with a duplicate key (another
     * writer inserted the same new _id first; for an upsert MongoDB usually retries by itself) is done
     * again as its {@code orElse}, an upsert, which then finds the document.
     */
    static void idempotent(MongoCollection<Document> collection, List<WriteModel<Document>> writes,
                           List<WriteModel<Document>> orElse) {
        if (writes.isEmpty()) {
            return;
        }
        try {
            collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            List<WriteModel<Document>> again = new ArrayList<>();
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                again.add(orElse.get(error.getIndex()));
            }
            collection.bulkWrite(again, new BulkWriteOptions().ordered(false));
        }
    }

    /**
     * The documents with these ids, a few hundred ids per query: a document found by the _id index is
     * then checked against every id of the {@code $in} on mongo-java-server, so one query of 10,000 ids
     * cost a hundred times one of 1,000 (measured: 3 s against 30-40 ms in chunks).
     */
    static void findByIds(MongoCollection<Document> collection, Collection<String> ids, Bson projection,
                          Consumer<Document> each) {
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += IDS_PER_QUERY) {
            var found = collection.find(Filters.in("_id", all.subList(from, Math.min(all.size(), from + IDS_PER_QUERY))));
            (projection == null ? found : found.projection(projection)).forEach(each);
        }
    }
}
