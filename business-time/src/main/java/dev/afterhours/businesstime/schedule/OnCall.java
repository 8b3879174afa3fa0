package dev.afterhours.businesstime.schedule;

/** Who is on call, and what put them there. */
public record OnCall(String staffId, Source source) {
}
