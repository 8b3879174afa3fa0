/**
 * Acknowledging a page from where it reached you: a reply of "1" to the SMS, pressing 1 on the voice call, the
 * Acknowledge button in Slack. The channel authenticates the person (their phone number as Twilio reports it, their
 * Slack user id as Slack reports it), the provider's signature authenticates the request, and the page's signed
 * token binds the key press and the button to one notification and person. Every way ends in
 * {@link dev.afterhours.notifier.ledger.Acknowledgements}, as the API and the signed link do, so an acknowledgement
 * stops the escalation the same way whichever channel it came from.
 */
@NullMarked
package dev.afterhours.notifier.channelack;

import org.jspecify.annotations.NullMarked;
