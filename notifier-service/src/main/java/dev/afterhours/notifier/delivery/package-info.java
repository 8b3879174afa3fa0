/** The real channels: HMAC-signed webhooks and SMTP email, with retries. */
@NullMarked
package dev.afterhours.notifier.delivery;

import org.jspecify.annotations.NullMarked;
