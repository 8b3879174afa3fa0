package dev.afterhours.businesstime.schedule;

/** What put someone on call: a layer of the schedule, or an override. Indexes are positions in the schedule's lists. */
public sealed interface Source {

    record OfLayer(int index, String name) implements Source {
    }

    record OfOverride(int index) implements Source {
    }
}
