package org.citypromise.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;

/**
 * Whether a measure grew without bound over a soak, from one sample a minute. The first third of the run
 * is warm-up (JIT, pools and caches filling, the first major collection) and is left out; the last third is
 * compared with the middle third. A measure grows if its mean in the last third is above the middle third's
 * by more than a tolerance (relative, with an absolute floor so that a few threads or a few ms of noise do
 * not count), its least-squares slope over both is upward, and it is still climbing in the last third (its
 * slope there is upward too). A bounded measure levels off after warm-up; a leak keeps climbing, and the
 * longer the run the surer the difference. A measure that rose and then stayed level or fell (a pool that
 * grew to meet a slow minute, a latency spike while the machine was busy with something else) is reported
 * as a step, not counted as growth.
 */
final class Verdict {

    /** One measure's samples, a minute apart; -1 marks a minute it could not be read. */
    record Measure(String name, long[] values, double relativeTolerance, long absoluteFloor, LongFunction<String> format) {
    }

    /** What was found for one measure. */
    record Finding(Measure measure, double middle, double last, double slopePerMinute, boolean grows, String note) {
    }

    private final List<Finding> findings = new ArrayList<>();

    /** The samples of the middle and the last third, as index ranges [from, to). */
    static int middleFrom(int samples) {
        return samples / 3;
    }

    static int lastFrom(int samples) {
        return 2 * samples / 3;
    }

    Finding judge(Measure measure) {
        long[] values = measure.values();
        int n = values.length;
        Finding finding;
        if (n < 3) {
            finding = new Finding(measure, Double.NaN, Double.NaN, Double.NaN, false, "too few minutes to judge");
        } else {
            double middle = mean(values, middleFrom(n), lastFrom(n));
            double last = mean(values, lastFrom(n), n);
            double slope = slope(values, middleFrom(n), n);
            if (Double.isNaN(middle) || Double.isNaN(last)) {
                finding = new Finding(measure, middle, last, slope, false, "not measured");
            } else {
                double allowed = Math.max(measure.relativeTolerance() * Math.abs(middle), measure.absoluteFloor());
                boolean rose = last - middle > allowed && slope > 0;
                // with fewer than two readings in the last third there is no slope there: nothing to excuse it by
                boolean stillClimbing = known(values, lastFrom(n), n) < 2 || slope(values, lastFrom(n), n) > 0;
                finding = new Finding(measure, middle, last, slope, rose && stillClimbing,
                        !rose ? "stable" : stillClimbing ? "GROWS" : "stepped up, then level or falling (not counted)");
            }
        }
        findings.add(finding);
        return finding;
    }

    List<Finding> growing() {
        return findings.stream().filter(Finding::grows).toList();
    }

    static String line(Finding finding) {
        Measure measure = finding.measure();
        if (Double.isNaN(finding.middle()) || Double.isNaN(finding.last())) {
            return String.format(Locale.ROOT, "  %-38s %s", measure.name(), finding.note());
        }
        double change = finding.middle() == 0 ? 0 : 100 * (finding.last() - finding.middle()) / Math.abs(finding.middle());
        return String.format(Locale.ROOT, "  %-38s middle %10s  last %10s  %+7.1f%%  slope %10s/min  %s", measure.name(),
                measure.format().apply(Math.round(finding.middle())), measure.format().apply(Math.round(finding.last())),
                change, signed(measure.format().apply(Math.round(Math.abs(finding.slopePerMinute()))), finding.slopePerMinute()),
                finding.note());
    }

    private static String signed(String magnitude, double value) {
        return (value < 0 ? "-" : "+") + magnitude;
    }

    private static int known(long[] values, int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            if (values[i] >= 0) {
                count++;
            }
        }
        return count;
    }

    private static double mean(long[] values, int from, int to) {
        double sum = 0;
        int count = 0;
        for (int i = from; i < to; i++) {
            if (values[i] >= 0) {
                sum += values[i];
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /** Least squares of value over minute; the minutes not read are left out. */
    static double slope(long[] values, int from, int to) {
        double n = 0;
        double sumX = 0;
        double sumY = 0;
        double sumXY = 0;
        double sumXX = 0;
        for (int i = from; i < to; i++) {
            if (values[i] >= 0) {
                n++;
                sumX += i;
                sumY += values[i];
                sumXY += (double) i * values[i];
                sumXX += (double) i * i;
            }
        }
        double denominator = n * sumXX - sumX * sumX;
        return n < 2 || denominator == 0 ? 0 : (n * sumXY - sumX * sumY) / denominator;
    }
}
