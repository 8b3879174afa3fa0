/**
 * SMS and voice in, through Twilio: signed webhooks for texts, calls, voicemail recordings and their transcriptions,
 * and the end of calls (a call with no voicemail is a missed call). The number dialled ({@code To}) names the client
 * and the kind of line; every message goes through the one {@link dev.afterhours.ingest.message.MessageIntake}, with
 * Twilio's ids as provider message ids, so a webhook Twilio sends again yields no second message.
 */
@NullMarked
package dev.afterhours.ingest.twilio;

import org.jspecify.annotations.NullMarked;
