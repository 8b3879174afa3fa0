package dev.afterhours.notifier.channelack;

/**
 * The memories of callbacks already taken: SMS replies by MessageSid (a day), Slack interactions by signature
 * (Slack's five-minute window).
 */
public record ReplayGuards(ReplayGuard sms, ReplayGuard slack) {
}
