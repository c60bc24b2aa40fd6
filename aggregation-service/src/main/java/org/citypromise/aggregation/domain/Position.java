package org.citypromise.aggregation.domain;

/**
 * Where an event sits in its source's log (a Kafka topic partition and offset). A view remembers, per
 * partition, the position up to which it has taken its city's events: that is how a redelivered event is
 * known to be in the view already.
 */
public record Position(String topic, int partition, long offset) {

    /** The partition's name, {@code <topic>-<partition>}, as the view keeps its positions. */
    public String key() {
        return topic + "-" + partition;
    }
}
