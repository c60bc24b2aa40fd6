package org.citypromise.aggregation.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.citypromise.aggregation.domain.CityContribution;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per city ({@code _id} = city id), the revision of its view last published to city-contributions: small
 * documents, so that marking a view published does not rewrite the view. A view whose revision is above
 * the one published is due to be sent.
 */
public class Publications {

    /** A view and its revision, which only grows; what the publisher of city-contributions sends. */
    public record Revision(CityContribution view, long rev) {
    }

    private final MongoCollection<Document> views;
    private final MongoCollection<Document> published;

    public Publications(MongoCollection<Document> views, MongoCollection<Document> published) {
        this.views = views;
        this.published = published;
    }

    /**
     * Views changed since they were last published, at most {@code limit}: those whose revision is above
     * the one recorded as published (the revisions are read alone, then the whole views of those).
     */
    public List<Revision> dirtyViews(int limit) {
        Map<String, Long> sent = new HashMap<>();
        published.find().forEach(document -> sent.put(document.getString("_id"), ViewDocuments.longOf(document.get("rev"))));
        List<String> changed = new ArrayList<>();
        for (Document view : views.find().projection(new Document("rev", 1))) {
            if (ViewDocuments.longOf(view.get("rev")) > sent.getOrDefault(view.getString("_id"), 0L)) {
                changed.add(view.getString("_id"));
                if (changed.size() == limit) {
                    break;
                }
            }
        }
        List<Revision> dirty = new ArrayList<>();
        BulkWrites.findByIds(views, changed, null, document -> dirty.add(
                new Revision(ViewDocuments.toView(document), ViewDocuments.longOf(document.get("rev")))));
        return dirty;
    }

    /** Records these revisions as published, in one bulk write; {@code $max}: never back to an older one. */
    public void published(List<Revision> revisions) {
        List<WriteModel<Document>> writes = new ArrayList<>(revisions.size());
        revisions.forEach(revision -> writes.add(new UpdateOneModel<>(Filters.eq("_id", revision.view().cityId()),
                Updates.max("rev", revision.rev()), new UpdateOptions().upsert(true))));
        BulkWrites.idempotent(published, writes);
    }

    /** Forgets what was published: every view is sent again (a new publisher makes the compacted topic whole). */
    public void republishAll() {
        published.deleteMany(Filters.empty());
    }
}
