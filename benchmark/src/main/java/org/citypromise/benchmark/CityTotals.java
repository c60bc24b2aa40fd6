package org.citypromise.benchmark;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import java.nio.ByteBuffer;

/**
 * What a city's view must hold at the end: its distinct pledges and the grams of CO2e per year of those
 * that stand (ACTIVE, FULFILLED), each pledge at its latest version.
 */
record CityTotals(long pledgeCount, long pledgedGramsPerYear) {

    static final CityTotals NONE = new CityTotals(0, 0);

    CityTotals plus(long pledges, long grams) {
        return new CityTotals(pledgeCount + pledges, pledgedGramsPerYear + grams);
    }

    CityTotals plus(CityTotals other) {
        return plus(other.pledgeCount, other.pledgedGramsPerYear);
    }

    /** Kafka Streams' state for a city: two longs, so that the RocksDB store does not measure a JSON codec. */
    static Serde<CityTotals> serde() {
        return Serdes.serdeFrom(
                (topic, totals) -> ByteBuffer.allocate(16).putLong(totals.pledgeCount).putLong(totals.pledgedGramsPerYear)
                        .array(),
                (topic, bytes) -> {
                    ByteBuffer buffer = ByteBuffer.wrap(bytes);
                    return new CityTotals(buffer.getLong(), buffer.getLong());
                });
    }

    @Override
    public String toString() {
        return pledgeCount + " pledges/" + pledgedGramsPerYear + " g";
    }
}
