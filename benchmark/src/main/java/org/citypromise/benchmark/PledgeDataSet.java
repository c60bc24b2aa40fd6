package org.citypromise.benchmark;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.citypromise.benchmark.EventRecords.PledgeVersion;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The benchmark's cities and pledges: a few cities large and most small, nine in ten events a new pledge
 * and one in ten a newer version of an earlier, still active one (fulfilled, withdrawn or re-estimated),
 * a quarter of the pledges with a participant (some participants pledging several times).
 * <p>
 * It keeps, per city, what the views must end with, from what it generated rather than from the
 * records, so that whoever reads the records is checked against an independent account. Per pledge it
 * holds a few primitives only, not the events: a million pledges cost some 25 MB here.
 */
final class PledgeDataSet {

    private static final String[] STAKEHOLDER_TYPES = {"HOUSEHOLD", "INDIVIDUAL", "BUSINESS", "SCHOOL",
            "COMMUNITY_GROUP", "PUBLIC_INSTITUTION"};
    private static final String[] GPC_REFS = {"I.1.1", "I.2.1", "II.1.1", "III.1.1", "V.1"};
    private static final String[] COUNTRY_CODES = {"KR", "ID", "PH", "VN", "JP", "TH", "MY", "IN"};
    /** What an active pledge can become; the order is that of the {@code status} codes below. */
    private static final String[] STATUSES = {"ACTIVE", "FULFILLED", "WITHDRAWN"};
    private static final byte ACTIVE = 0;
    private static final byte WITHDRAWN = 2;
    private static final int PARTICIPANTS = 50_000;
    /** Cooking gas per pledge, in grams of LPG: log-uniform from 1 g to 3.35 t (up to ~10 tCO2e a year). */
    private static final double LN_MAX_LPG_GRAMS = Math.log(3_350_000);

    private final int cities;
    private final Random random = new Random(2026);
    /** Pledge ids of this run: random high bits, the pledge's number in the low ones. */
    private final long idBits = random.nextLong() & ~0xF000L | 0x4000L;
    private final Instant pledgedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final long[] expectedCount;
    private final long[] expectedGrams;
    private int pledges;
    private long updates;
    /** Per pledge, by number. */
    private int[] cityOf = new int[1 << 16];
    private int[] versionOf = new int[1 << 16];
    private int[] lpgGramsOf = new int[1 << 16];
    private byte[] statusOf = new byte[1 << 16];
    private int[] participantOf = new int[1 << 16];

    PledgeDataSet(int cities) {
        this.cities = cities;
        this.expectedCount = new long[cities];
        this.expectedGrams = new long[cities];
    }

    static String cityId(int city) {
        return "city-%04d".formatted(city + 1);
    }

    int cities() {
        return cities;
    }

    /** Distinct pledges so far. */
    int pledges() {
        return pledges;
    }

    /** Events that were newer versions of earlier pledges. */
    long updates() {
        return updates;
    }

    long expectedPledges() {
        return pledges;
    }

    Map<String, CityTotals> expected() {
        Map<String, CityTotals> expected = new LinkedHashMap<>();
        for (int city = 0; city < cities; city++) {
            expected.put(cityId(city), new CityTotals(expectedCount[city], expectedGrams[city]));
        }
        return expected;
    }

    /** Every city registered once, large ones first (city-0001 has the most people and pledges). */
    List<ProducerRecord<String, byte[]>> cityRegistrations() {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int city = 0; city < cities; city++) {
            records.add(EventRecords.cityRegistered(cityId(city), "City " + (city + 1),
                    COUNTRY_CODES[city % COUNTRY_CODES.length], 50_000 + 10_000_000L / (city + 1), pledgedAt));
        }
        return records;
    }

    /** The next event of the data set: nine in ten a new pledge, one in ten a newer version of an active one. */
    ProducerRecord<String, byte[]> nextEvent() {
        if (pledges >= 1_000 && random.nextInt(10) == 0) {
            for (int attempt = 0; attempt < 5; attempt++) {
                int pledge = random.nextInt(pledges);
                if (statusOf[pledge] == ACTIVE) {
                    return update(pledge);
                }
            }
        }
        return newPledge(nextCity());
    }

    /** A new pledge in the given city. */
    ProducerRecord<String, byte[]> newPledge(int city) {
        int pledge = pledges++;
        grow();
        cityOf[pledge] = city;
        versionOf[pledge] = 1;
        statusOf[pledge] = ACTIVE;
        participantOf[pledge] = random.nextInt(4) == 0 ? random.nextInt(PARTICIPANTS) : -1;
        lpgGramsOf[pledge] = lpgGrams();
        expectedCount[city]++;
        return record(pledge);
    }

    /** Skewed like city sizes: the density falls as 1/sqrt(n), so city-0001 gets ~60 times city-1000's share. */
    int nextCity() {
        double r = random.nextDouble();
        return (int) (cities * r * r);
    }

    private ProducerRecord<String, byte[]> update(int pledge) {
        updates++;
        expectedGrams[cityOf[pledge]] -= gramsOf(pledge);
        versionOf[pledge]++;
        statusOf[pledge] = (byte) random.nextInt(STATUSES.length);
        lpgGramsOf[pledge] = lpgGrams();
        return record(pledge);
    }

    private ProducerRecord<String, byte[]> record(int pledge) {
        BigDecimal quantity = BigDecimal.valueOf(lpgGramsOf[pledge], 3);
        BigDecimal estimate = estimate(quantity);
        if (statusOf[pledge] != WITHDRAWN) {
            expectedGrams[cityOf[pledge]] += estimate.movePointRight(6).longValueExact();
        }
        int participant = participantOf[pledge];
        return EventRecords.pledge(new PledgeVersion(new UUID(idBits, Long.MIN_VALUE | pledge), cityId(cityOf[pledge]),
                participant < 0 ? null : participantId(participant), STAKEHOLDER_TYPES[pledge % STAKEHOLDER_TYPES.length],
                GPC_REFS[pledge % GPC_REFS.length], quantity, estimate, STATUSES[statusOf[pledge]], versionOf[pledge],
                pledgedAt, versionOf[pledge] == 1 ? pledgedAt : Instant.now()));
    }

    private long gramsOf(int pledge) {
        return statusOf[pledge] == WITHDRAWN ? 0
                : estimate(BigDecimal.valueOf(lpgGramsOf[pledge], 3)).movePointRight(6).longValueExact();
    }

    /** tCO2e a year, rounded to the six decimals that the events carry (as pledge-service rounds). */
    private static BigDecimal estimate(BigDecimal quantityKg) {
        return quantityKg.multiply(EventRecords.LPG_FACTOR).movePointLeft(3).setScale(6, RoundingMode.HALF_UP);
    }

    private int lpgGrams() {
        return (int) Math.max(1, Math.exp(random.nextDouble() * LN_MAX_LPG_GRAMS));
    }

    /** pledge-service's pseudonym shape: key id and 64 hex digits (an HMAC there, a mixed number here). */
    private static String participantId(int participant) {
        StringBuilder id = new StringBuilder("dev1:");
        long bits = participant;
        for (int i = 0; i < 4; i++) {
            bits = mix(bits + i);
            id.append("%016x".formatted(bits));
        }
        return id.toString();
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    private void grow() {
        if (pledges > cityOf.length) {
            int size = cityOf.length * 2;
            cityOf = Arrays.copyOf(cityOf, size);
            versionOf = Arrays.copyOf(versionOf, size);
            lpgGramsOf = Arrays.copyOf(lpgGramsOf, size);
            statusOf = Arrays.copyOf(statusOf, size);
            participantOf = Arrays.copyOf(participantOf, size);
        }
    }
}
