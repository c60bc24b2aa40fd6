package org.citypromise.inventory.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.citypromise.inventory.domain.ConcurrentChange;
import org.citypromise.inventory.domain.Outcome;
import org.citypromise.inventory.domain.StaleVersion;
import org.citypromise.kit.outbox.OutboxRelay;
import org.citypromise.kit.outbox.PendingEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongFunction;

/**
 * A collection of documents that each hold the full current state of one thing (a city, an inventory
 * year, a target), a version that grows by one with every change, and the outbox of events announcing
 * changes not yet published. A change and its event are one atomic write; a write that changes nothing
 * announces nothing.
 */
class VersionedDocuments {

    /** The document as stored after a write, and what the write did. */
    record Write(Document document, long version, Instant changedAt, Outcome outcome) {
    }

    static final String VERSION = "version";
    static final String CHANGED_AT = "changedAt";
    private static final int ATTEMPTS = 5;

    private final MongoCollection<Document> collection;

    VersionedDocuments(MongoCollection<Document> collection) {
        this.collection = collection;
    }

    Optional<Document> find(String id) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", id)).first());
    }

    List<Document> list(Bson filter, Bson sort, int offset, int limit) {
        List<Document> page = new ArrayList<>();
        collection.find(filter).sort(sort == null ? Sorts.ascending("_id") : sort).skip(offset).limit(limit)
                .forEach(page::add);
        return page;
    }

    long count(Bson filter) {
        return collection.countDocuments(filter);
    }

    /**
     * Writes {@code state} as the new state of document {@code id}, with the event announcing it (built
     * for the version the change gets) in the same atomic write.
     *
     * @param expectedVersion the version the client last saw ({@code If-Match}); 0 means "must not exist"
     */
    Write write(String id, Document state, OptionalLong expectedVersion, Instant now,
                LongFunction<PendingEvent> announcement) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Document> current = find(id);
            long version = current.map(VersionedDocuments::version).orElse(0L);
            if (expectedVersion.isPresent() && expectedVersion.getAsLong() != version) {
                throw new StaleVersion(id, expectedVersion.getAsLong(), version);
            }
            if (current.isPresent() && sameState(current.get(), state)) {
                return new Write(current.get(), version, current.get().getDate(CHANGED_AT).toInstant(),
                        Outcome.UNCHANGED);
            }
            long next = version + 1;
            Document stored = new Document("_id", id).append(VERSION, next).append(CHANGED_AT, Date.from(now));
            stored.putAll(state);
            if (current.isEmpty()) {
                try {
                    collection.insertOne(new Document(stored)
                            .append(OutboxRelay.OUTBOX_FIELD, List.of(announcement.apply(next).toDocument())));
                    return new Write(stored, next, now, Outcome.CREATED);
                } catch (MongoWriteException e) {
                    if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                    continue; // created concurrently: read it again
                }
            }
            List<Bson> updates = new ArrayList<>();
            stored.forEach((field, value) -> {
                if (!field.equals("_id")) {
                    updates.add(Updates.set(field, value));
                }
            });
            updates.add(Updates.push(OutboxRelay.OUTBOX_FIELD, announcement.apply(next).toDocument()));
            var result = collection.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq(VERSION, version)),
                    Updates.combine(updates));
            if (result.getModifiedCount() == 1) {
                return new Write(stored, next, now, Outcome.UPDATED);
            }
        }
        throw new ConcurrentChange(id);
    }

    static long version(Document document) {
        return ((Number) document.get(VERSION)).longValue();
    }

    private static boolean sameState(Document current, Document state) {
        return state.entrySet().stream().allMatch(entry -> entry.getValue() == null
                ? current.get(entry.getKey()) == null
                : entry.getValue().equals(current.get(entry.getKey())));
    }
}
