/** The real channels: signed webhooks, SMTP email, SMS and calls through Twilio, Slack; with retries. */
@NullMarked
package dev.afterhours.notifier.delivery;

import org.jspecify.annotations.NullMarked;
