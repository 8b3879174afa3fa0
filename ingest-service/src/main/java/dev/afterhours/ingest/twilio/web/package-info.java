/** The Twilio webhooks: signature first, then the form parameters, answered in TwiML. */
@NullMarked
package dev.afterhours.ingest.twilio.web;

import org.jspecify.annotations.NullMarked;
